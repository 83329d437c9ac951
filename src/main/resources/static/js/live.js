// Live desk: when the server says conversations changed, fetch this page again and swap in the parts marked
// data-live, leaving forms the agent is typing in alone. EventSource reconnects by itself.
(function () {
  const parts = document.querySelectorAll('[data-live]');
  if (parts.length === 0) {
    return;
  }
  const watching = document.body.dataset.conversation;
  const source = new EventSource('/desk/live');
  source.addEventListener('changed', function (event) {
    if (watching && !event.data.split(',').includes(watching)) {
      return;
    }
    fetch(window.location.href, { headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        const fresh = new DOMParser().parseFromString(html, 'text/html');
        document.querySelectorAll('[data-live]').forEach(function (part) {
          const replacement = fresh.querySelector('[data-live="' + part.dataset.live + '"]');
          if (replacement) {
            part.replaceWith(replacement);
          }
        });
      })
      .catch(function () { /* the next change tries again */ });
  });
})();
