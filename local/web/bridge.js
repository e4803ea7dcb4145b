// The Custom UI bridge the local host injects before the app's bundle, as Jira does: the real
// @forge/bridge calls window.__bridge.callBridge(name, payload). The frame token names this iframe; the
// host built its context (who, which module, which issue) when it rendered the page, so nothing here is trusted.
(function () {
  var script = document.currentScript;
  var frame = script && script.getAttribute('data-frame');
  var context = JSON.parse(script.getAttribute('data-context'));
  var base = '/__local/bridge/' + encodeURIComponent(frame) + '/';

  function post(op, body) {
    return fetch(base + op, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body === undefined ? null : body) })
      .then(function (r) {
        return r.text().then(function (text) {
          var data = text ? JSON.parse(text) : undefined;
          if (!r.ok) {
            var err = new Error((data && data.message) || 'Bridge call failed: ' + r.status);
            throw err;
          }
          return data;
        });
      });
  }

  function tell(type, payload) {
    if (window.parent !== window) window.parent.postMessage(Object.assign({ source: 'forge-local', frame: frame, type: type }, payload), '*');
  }

  function applyTheme(mode) {
    var html = document.documentElement;
    html.setAttribute('data-color-mode', mode);
    html.setAttribute('data-theme', 'dark:dark light:light spacing:spacing typography:typography');
    if (!document.getElementById('forge-local-tokens')) {
      var link = document.createElement('link');
      link.id = 'forge-local-tokens';
      link.rel = 'stylesheet';
      link.href = '/__local/tokens.css';
      document.head.appendChild(link);
    }
  }

  var handlers = {
    invoke: function (p) { return post('invoke', { functionKey: p.functionKey, payload: p.payload }); },
    getContext: function () { return Promise.resolve(context); },
    enableTheming: function () { applyTheme(context.theme.colorMode); return Promise.resolve(); },
    fetchProduct: function (p) { return post('fetch', p); },
    showFlag: function (p) { tell('flag', { flag: { id: p.id, title: p.title, description: p.description, type: p.type || 'info' } }); return Promise.resolve(); },
    closeFlag: function (p) { tell('close-flag', { id: p.id }); return Promise.resolve(); },
    navigate: function (p) {
      return post('url', p).then(function (url) {
        if (p.type === 'new-tab') window.open(url, '_blank', 'noopener');
        else window.top.location.href = url;
      });
    },
    getUrl: function (p) { return post('url', p); },
    reload: function () { window.top.location.reload(); return Promise.resolve(); },
    changeWindowTitle: function (t) { tell('title', { title: t }); return Promise.resolve(); },
    resize: function (p) { tell('resize', { height: p && p.height }); return Promise.resolve(); },
    emitReadyEvent: function () { return Promise.resolve(); },
    on: function () { return Promise.resolve({ unsubscribe: function () {} }); },
    onPublic: function () { return Promise.resolve({ unsubscribe: function () {} }); },
  };

  window.__bridge = {
    callBridge: function (name, payload) {
      var h = handlers[name];
      if (!h) return Promise.reject(new Error('The local host does not implement bridge call "' + name + '"'));
      return h(payload);
    },
  };

  // Keep the iframe as tall as its content, as Jira's panel host does.
  if (typeof ResizeObserver !== 'undefined') {
    new ResizeObserver(function () { tell('resize', { height: document.documentElement.scrollHeight }); }).observe(document.documentElement);
  }
})();
