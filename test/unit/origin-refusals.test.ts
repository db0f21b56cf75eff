import { describe, expect, it } from 'vitest';
import { OriginRefusals } from '../../src/transports/web-messaging/socket-opening.js';
import { deploymentVerdict, type ConfigOutcome } from '../../src/connection/deployment-config.js';

const OK: ConfigOutcome = { kind: 'ok', config: {} as never };

describe('socket refusals and deployment verdicts', () => {
  it('treats a 403 or an origin close code as origin-not-allowed at once', () => {
    expect(new OriginRefusals().verdict({ errorText: 'Unexpected server response: 403' }, null)?.code).toBe('origin-not-allowed');
    expect(new OriginRefusals().verdict({ closeCode: 4003 }, null)?.fatal).toBe(true);
  });

  it('counts refusals while config.json is fine, but only before the first session', () => {
    const refusals = new OriginRefusals(2);
    expect(refusals.verdict({ closeCode: 1006 }, OK)).toBeNull();
    expect(refusals.verdict({ closeCode: 1006 }, OK)?.code).toBe('origin-not-allowed');
    const later = new OriginRefusals(2);
    later.sessionConfigured();
    expect(later.verdict({ closeCode: 1006 }, OK)).toBeNull();
    expect(later.verdict({ closeCode: 1006 }, OK)).toBeNull();
  });

  it('does not blame the origin while config.json is unavailable', () => {
    const refusals = new OriginRefusals(1);
    expect(refusals.verdict({ closeCode: 1006 }, { kind: 'unavailable', reason: 'down' })).toBeNull();
  });

  it('turns a missing or inactive deployment into a fatal error', () => {
    expect(deploymentVerdict({ kind: 'not-found' }, 'd1')).toMatchObject({ code: 'deployment-not-found', fatal: true });
    expect(deploymentVerdict({ kind: 'inactive', config: {} as never }, 'd1')).toMatchObject({ code: 'deployment-inactive', fatal: true });
    expect(deploymentVerdict(OK, 'd1')).toBeNull();
    expect(deploymentVerdict(null, 'd1')).toBeNull();
  });
});
