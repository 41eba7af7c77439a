// Where Bootstrap Italia's bundle loads its web fonts from (read by the bundle at start-up).
window.__PUBLIC_PATH__ = "/static/vendor/bootstrap-italia/fonts";
