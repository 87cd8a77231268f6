"""The browser floor: a bare Streamlit app with the same navigation shape as ours.

Eight pages, each a heading and a Next button that calls ``st.switch_page``, so
"click Next -> next heading visible" here is what any Streamlit app costs on this machine.
"""

import streamlit as st

current = st.navigation([st.Page(f"pages/p{n}.py", url_path=f"p{n}", default=n == 0) for n in range(8)])
current.run()
