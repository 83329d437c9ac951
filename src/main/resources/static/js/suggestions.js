// Desk: "insert answer" puts an article's short answer into the reply box, after what the agent already typed.
// Delegated from the document, so suggestions that a live refresh swapped in work too.
document.addEventListener('click', function (event) {
  const button = event.target.closest('button.insert-answer');
  const reply = document.getElementById('reply');
  if (!button || !reply) {
    return;
  }
  const answer = button.dataset.answer;
  reply.value = reply.value.trim() === '' ? answer : reply.value.replace(/\s*$/, '') + '\n\n' + answer;
  reply.focus();
});
