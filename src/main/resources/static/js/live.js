// Live desk: when the server says conversations changed, fetch this page again and swap in the parts marked
// data-live, leaving forms the agent is typing in alone. EventSource reconnects by itself. A page whose body has
// data-live-every (milliseconds) is also refreshed that often, for what is not a contact event (presence, time).
(function () {
  const parts = document.querySelectorAll('[data-live]');
  if (parts.length === 0) {
    return;
  }
  const watching = document.body.dataset.conversation;
  function refresh() {
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
  }
  const source = new EventSource('/desk/live');
  source.addEventListener('changed', function (event) {
    if (watching && !event.data.split(',').includes(watching)) {
      return;
    }
    refresh();
  });
  const every = parseInt(document.body.dataset.liveEvery, 10);
  if (every > 0) {
    setInterval(refresh, every);
  }
})();
