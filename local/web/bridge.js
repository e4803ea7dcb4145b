// The Custom UI bridge the local host injects before the app's bundle, as Jira does: the real
// @forge/bridge calls window.__bridge.callBridge(name, payload). The frame token names this iframe; the
// host built its context (who, which module, which issue) when it rendered the page, so nothing here is trusted.
(function () {
  var script = document.currentScript;
  var frame = script && script.getAttribute('data-frame');
  var context = JSON.parse(script.getAttribute('data-context'));
  var base = '/__local/bridge/' + encodeURIComponent(frame) + '/';
  // A full-page module's own URL space (view.createHistory): the path after the page's URL, and its query.
  var routeBase = script.getAttribute('data-route-base') || '';

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

  // view.createHistory: the app's location lives in the Jira page's URL, as on a real site, so a link (or a reload)
  // opens the same view. The shell's own parameters (persona, theme) are not the app's.
  var listeners = [];
  function appLocation() {
    var top = window.top.location;
    var path = routeBase && top.pathname.indexOf(routeBase) === 0 ? top.pathname.slice(routeBase.length) : '';
    var params = new URLSearchParams(top.search);
    params.delete('as');
    params.delete('theme');
    var search = params.toString();
    return { pathname: path || '/', search: search ? '?' + search : '', hash: top.hash, state: window.top.history.state, key: 'default' };
  }
  function urlOf(to) {
    var loc = typeof to === 'string' ? new URL(to, 'http://app.local' + appLocation().pathname) : null;
    var pathname = loc ? loc.pathname : to.pathname || appLocation().pathname;
    var search = loc ? loc.search : to.search || '';
    var hash = loc ? loc.hash : to.hash || '';
    return routeBase + (pathname === '/' ? '' : pathname) + search + hash;
  }
  function notify(action) {
    var location = appLocation();
    history.location = location;
    listeners.slice().forEach(function (l) { l(location, action); });
  }
  var history = {
    get length() { return window.top.history.length; },
    action: 'POP',
    location: null,
    push: function (to, state) { window.top.history.pushState(state === undefined ? null : state, '', urlOf(to)); history.action = 'PUSH'; notify('PUSH'); },
    replace: function (to, state) { window.top.history.replaceState(state === undefined ? null : state, '', urlOf(to)); history.action = 'REPLACE'; notify('REPLACE'); },
    go: function (n) { window.top.history.go(n); },
    back: function () { window.top.history.back(); },
    forward: function () { window.top.history.forward(); },
    listen: function (l) {
      listeners.push(l);
      return function () { listeners = listeners.filter(function (x) { return x !== l; }); };
    },
  };
  if (routeBase) window.top.addEventListener('popstate', function () { history.action = 'POP'; notify('POP'); });

  var handlers = {
    createHistory: function () {
      if (!routeBase) return Promise.reject(new Error('view.createHistory is only available in full-page modules'));
      history.location = appLocation();
      return Promise.resolve(history);
    },
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
