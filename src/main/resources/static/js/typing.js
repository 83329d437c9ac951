// Typing indicators on a conversation page (web chat): shows when the customer types, and tells the customer's side
// when the agent types a reply, at most every three seconds.
(function () {
  const indicator = document.getElementById('customer-typing');
  const conversation = document.body.dataset.conversation;
  if (!indicator || !conversation) {
    return;
  }
  const base = '/desk/conversations/' + encodeURIComponent(conversation) + '/typing';
  function poll() {
    if (document.visibilityState !== 'visible') {
      return;
    }
    fetch(base, { headers: { 'Accept': 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
      .then(function (state) { indicator.hidden = !state.customerTyping; })
      .catch(function () { indicator.hidden = true; });
  }
  setInterval(poll, 2000);
  const reply = document.getElementById('reply');
  const csrf = document.querySelector('input[name="_csrf"]');
  let last = 0;
  if (reply && csrf) {
    reply.addEventListener('input', function () {
      const now = Date.now();
      if (now - last < 3000) {
        return;
      }
      last = now;
      fetch(base, { method: 'POST', headers: { 'X-CSRF-TOKEN': csrf.value } }).catch(function () { /* best effort */ });
    });
  }
})();
