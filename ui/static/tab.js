// The app's one script in the patient's tab (ui/tab.py says what it does and why).
// An ES module for st.components.v2, sent after words.js (whose functions it calls).
// Patient text arrives only as `data` (parsed JSON); this file is constant.

export default function (component) {
  const { data, setTriggerValue } = component;
  const state = (window.__kqp = window.__kqp || {});
  document.documentElement.lang = data.lang;
  document.documentElement.dir = data.dir;
  kqpStreamlitWords(state, data.words);  // Streamlit's own words in the patient's language
  kqpNames(state, data.names);  // the app's names for its controls ("Remove: Will my…")

  // 1. The tab's copy of the answers. A new server session (a reload, a discarded tab
  //    brought back, a restart) with no answers yet gets the copy back once.
  let restoring = false;
  try {
    const store = window.sessionStorage;
    if (state.session !== data.session) {
      state.session = data.session;
      const saved = store.getItem(data.storage);
      if (saved && saved.length > data.maxCopy) {
        // Larger than any answers this app writes (and than one message may be): never sent.
        store.removeItem(data.storage);
      } else if (data.pristine && saved) {
        restoring = true;
        setTriggerValue('restore', saved);
      }
    }
    if (!restoring) {
      if (data.answers === null) store.removeItem(data.storage);
      else store.setItem(data.storage, data.answers);
    }
  } catch (e) {
    // Storage switched off in this browser: the answers live in the session only.
  }
  // A new session waiting to hear whether this tab holds a copy: there is none.
  if (data.awaiting && !restoring && state.checked !== data.session) {
    state.checked = data.session;
    setTriggerValue('checked', true);
  }

  const main = () => document.querySelector('[data-testid="stMain"]');
  const ringOn = (el) => {
    const box = el.getBoundingClientRect();
    const shown = (box.width <= 2 || box.height <= 2) && el.closest('label') ? el.closest('label') : el;
    shown.classList.add(data.ring);
    el.addEventListener('blur', () => shown.classList.remove(data.ring), { once: true });
  };
  const retry = (find, act) => {
    let tries = 0;
    const attempt = () => {
      const el = find();
      if (el) act(el);
      else if (tries++ < 60) setTimeout(attempt, 50);
    };
    attempt();
  };

  // 2. A new step: open at the top, focus its heading (announced once by screen readers).
  if (state.step !== data.step) {
    const firstStep = state.step === undefined;
    state.step = data.step;
    const area = main();
    if (area) area.scrollTo(0, 0);
    if (!firstStep && !data.focus) {
      retry(
        () => [...document.querySelectorAll('[data-testid="stMain"] h2')]
          .find((h) => h.textContent.trim() === data.heading),
        (heading) => {
          heading.setAttribute('tabindex', '-1');
          heading.focus({ preventScroll: true });
          const area2 = main();
          if (area2) area2.scrollTo(0, 0);
        },
      );
    }
  }

  // 3. Focus after an action that redrew the control the patient was on: a control by
  //    its key, or a heading by its words. The page scrolls only if it is out of sight.
  if (data.focus && state.focusNonce !== data.focus.nonce) {
    state.focusNonce = data.focus.nonce;
    retry(
      () => {
        if (data.focus.heading) {
          const heading = [...document.querySelectorAll('[data-testid="stMain"] h2, [data-testid="stMain"] h3')]
            .find((h) => h.textContent.trim() === data.focus.heading);
          if (heading) heading.setAttribute('tabindex', '-1');
          return heading;
        }
        const box = document.querySelector('.' + data.focus.cls);
        return box && box.querySelector('input, textarea, button, summary, [tabindex="0"]');
      },
      (el) => {
        el.focus({ preventScroll: true });
        el.scrollIntoView({ block: 'nearest' });
        ringOn(el);
      },
    );
  }

  // 4. Streamlit's "Connection error ... Are you connected to the internet?" names the
  //    wrong cause: the app restarted or stopped. Say so, in the patient's language.
  state.restartWords = data.restart;
  state.upload = data.upload;
  state.send = setTriggerValue;
  if (!state.watching) {
    state.watching = true;
    setInterval(() => {
      for (const dialog of document.querySelectorAll('section[role="dialog"]')) {
        const title = dialog.querySelector('h2');
        if (!title || title.dataset.kqp === '1' || title.textContent.trim() !== 'Connection error') continue;
        const words = state.restartWords;
        title.textContent = words.title;
        title.dataset.kqp = '1';
        const body = title.nextElementSibling;
        if (body) body.textContent = words.body;
      }
      // 5. A file the browser refused to upload (too large) shows only a red icon and
      //    never reaches the app: report it once, so the patient gets words.
      const refused = document.querySelector(state.upload + '[aria-invalid="true"]:not([data-kqp])');
      if (refused) {
        refused.dataset.kqp = '1';
        const why = document.getElementById(refused.getAttribute('aria-describedby') || '');
        const tooLarge = why && /MB/.test(why.textContent);
        state.send('refused', tooLarge ? 'size' : 'kind');
      }
    }, 300);
  }
}
