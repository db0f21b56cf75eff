/**
 * Where the examples' chat connects: the emulator of `make demo` unless the URL says otherwise
 * (`?region=…&deployment-id=…`). A real site writes its Genesys region and Messenger deployment ID here.
 */
const params = new URLSearchParams(location.search);

export const region = params.get('region') ?? 'http://127.0.0.1:8787';
export const deploymentId = params.get('deployment-id') ?? 'demo-deployment';
