// Host-page behaviour: persona/theme switchers, iframe height, and flags raised by the app through the bridge.
(function () {
  function submitOnChange(id) {
    var el = document.getElementById(id);
    if (el) el.addEventListener('change', function () { el.form.submit(); });
  }
  submitOnChange('persona-switcher');
  submitOnChange('theme-switcher');

  var flags = document.getElementById('flags');
  window.addEventListener('message', function (e) {
    var m = e.data;
    if (!m || m.source !== 'forge-local') return;
    var frame = Array.prototype.find.call(document.querySelectorAll('iframe.forge-frame'), function (f) { return f.contentWindow === e.source; });
    // A frame of a fixed viewportSize keeps its size, as in Jira; the others grow with their content.
    if (m.type === 'resize' && frame && m.height && !frame.dataset.viewportSize) frame.style.height = Math.max(120, Math.ceil(m.height)) + 'px';
    if (m.type === 'flag') {
      var div = document.createElement('div');
      div.className = 'flag flag-' + (m.flag.type || 'info');
      div.setAttribute('role', m.flag.type === 'error' ? 'alert' : 'status');
      div.setAttribute('data-flag-id', m.flag.id);
      var title = document.createElement('strong');
      title.textContent = m.flag.title || '';
      var desc = document.createElement('p');
      desc.textContent = m.flag.description || '';
      div.appendChild(title);
      div.appendChild(desc);
      flags.appendChild(div);
      setTimeout(function () { div.remove(); }, 8000);
    }
    if (m.type === 'close-flag') {
      var f = flags.querySelector('[data-flag-id="' + CSS.escape(m.id) + '"]');
      if (f) f.remove();
    }
    if (m.type === 'title' && m.title) document.title = m.title;
  });
})();
