// Page code hears the chat through DOM events: every genesys-chat:* event bubbles up to the document.
document.addEventListener('genesys-chat:message', (event) => {
  const { message } = event.detail;
  if (message.role !== 'system') document.getElementById('last-message').textContent = `${message.role}: ${message.text}`;
});
