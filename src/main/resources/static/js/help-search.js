// Search as you type in the help center: asks the server for the rendered (escaped) result list after a short pause.
document.addEventListener('DOMContentLoaded', () => {
  const input = document.getElementById('help-q');
  const results = document.getElementById('help-results');
  if (!input || !results) {
    return;
  }
  let timer;
  let latest = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const ask = ++latest;
      const query = input.value.trim();
      if (query.length < 2) {
        results.replaceChildren();
        return;
      }
      const response = await fetch(input.dataset.suggest + '&q=' + encodeURIComponent(query));
      if (response.ok && ask === latest) {
        results.innerHTML = await response.text();
      }
    }, 250);
  });
});
