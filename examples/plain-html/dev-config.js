/* global location, URLSearchParams */
// This example only: lets `?region=…&deployment-id=…` point the page at another Genesys region or emulator.
// Deferred scripts run in order, so this runs before the widget's script upgrades the element.
const params = new URLSearchParams(location.search);
for (const name of ['region', 'deployment-id']) {
  const value = params.get(name);
  if (value) document.querySelector('genesys-chat')?.setAttribute(name, value);
}
