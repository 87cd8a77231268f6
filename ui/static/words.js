// Streamlit's own words in the patient's language, and the app's names for its controls.
// Read once by ui/accessibility.py; the tab script (tab.js) calls both on every run.

// Streamlit writes a few words itself, in English whatever the page's language: button
// names ("Open"), region names ("Sidebar"), the upload box ("Upload", "1MB per file"),
// the skip link. Put the patient's words in their place, in the page itself, so a screen
// reader reads only those (hiding text with CSS would leave the English in what it reads).
// Streamlit redraws its elements at will: a MutationObserver puts the words back in the
// same task, before the page is painted or read, looking only at what changed.
function kqpStreamlitWords(state, words) {
  const own = (map, key) => Object.prototype.hasOwnProperty.call(map, key);
  const label = (el) => {
    const said = el.getAttribute('aria-label');
    if (said === null) return;
    let local = own(state.words.labels, said) ? state.words.labels[said] : undefined;
    for (const [from, to] of state.words.prefixes) {
      if (local === undefined && said.startsWith(from) && !said.startsWith(to)) local = to + said.slice(from.length);
    }
    if (local !== undefined && local !== said) el.setAttribute('aria-label', local);
  };
  const text = (node) => {
    const said = node.nodeValue.trim();
    if (!own(state.words.texts, said)) return;
    const local = node.nodeValue.replace(said, state.words.texts[said]);
    if (local !== node.nodeValue) node.nodeValue = local;
  };
  const hide = (icon) => {
    if (icon.getAttribute('aria-hidden') !== 'true') icon.setAttribute('aria-hidden', 'true');
  };
  const inPlace = (node) => node.parentElement && node.parentElement.closest(state.words.places);
  const all = (root) => {  // an element and everything inside it
    const w = state.words;
    label(root);
    root.querySelectorAll('[aria-label]').forEach(label);
    for (const place of root.closest(w.places) ? [root] : root.querySelectorAll(w.places)) {
      const walker = document.createTreeWalker(place, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) text(node);
    }
    if (root.matches(w.icons)) hide(root);
    root.querySelectorAll(w.icons).forEach(hide);
  };
  state.words = words;
  all(document.body);
  if (!state.wordsObserver) {
    state.wordsObserver = new MutationObserver((changes) => {
      if (state.applyNames) state.applyNames();
      for (const change of changes) {
        if (change.type === 'attributes') label(change.target);
        else if (change.type === 'characterData') { if (inPlace(change.target)) text(change.target); }
        else {
          for (const node of change.addedNodes) {
            if (node.nodeType === Node.ELEMENT_NODE) all(node);
            else if (node.nodeType === Node.TEXT_NODE && inPlace(node)) text(node);
          }
        }
      }
    });
    state.wordsObserver.observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-label'],
    });
  }
}

// The app's own names for controls whose visible words are short ("Remove" becomes
// "Remove: Will my insurance pay…"): by the control's key class, kept when Streamlit redraws.
function kqpNames(state, names) {
  state.names = names || {};
  state.applyNames = () => {
    for (const [cls, name] of Object.entries(state.names)) {
      for (const el of document.querySelectorAll('.' + cls + ' button, .' + cls + ' input')) {
        if (el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
      }
    }
  };
  state.applyNames();
}
