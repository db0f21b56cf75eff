import { afterEach, describe, expect, it, vi } from 'vitest';
import { FirstRenderGate } from '../../src/ui/first-render-gate.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('FirstRenderGate', () => {
  it('holds updates until mayRender, then gives the first render every held change (the oldest value of each)', () => {
    let online = false;
    const gate = new FirstRenderGate(() => online);
    expect(gate.hold(new Map<PropertyKey, unknown>([['lang', undefined]]))).toBe(false);
    expect(gate.admit(new Map<PropertyKey, unknown>([['isOpen', false], ['lang', 'en']]))).toBe(false);
    online = true;
    const changed = new Map<PropertyKey, unknown>([['mode', 'launcher']]);
    expect(gate.admit(changed)).toBe(true);
    expect(Object.fromEntries(changed)).toEqual({ mode: 'launcher', isOpen: false, lang: undefined });
    const later = new Map<PropertyKey, unknown>([['region', 'x']]);
    expect(gate.admit(later)).toBe(true);
    expect([...later.keys()]).toEqual(['region']); // handed over once
  });

  it('a property the rendering update changed too keeps that update\'s old value', () => {
    let online = false;
    const gate = new FirstRenderGate(() => online);
    gate.hold(new Map<PropertyKey, unknown>([['isOpen', undefined]]));
    online = true;
    const changed = new Map<PropertyKey, unknown>([['isOpen', false]]); // opened by the page before the first render
    gate.admit(changed);
    expect(changed.get('isOpen')).toBe(false);
  });

  it('lets the first render go once the wait is over, and asks for that update', () => {
    vi.useFakeTimers();
    const gate = new FirstRenderGate(() => false);
    const requestUpdate = vi.fn();
    gate.start(requestUpdate, 200);
    expect(gate.admit(new Map())).toBe(false);
    vi.advanceTimersByTime(199);
    expect(requestUpdate).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(requestUpdate).toHaveBeenCalledOnce();
    expect(gate.admit(new Map())).toBe(true);
  });

  it('says when the first render ran', async () => {
    const gate = new FirstRenderGate(() => true);
    let rendered = false;
    void gate.rendered.then(() => {
      rendered = true;
    });
    await Promise.resolve();
    expect(rendered).toBe(false);
    gate.done();
    await gate.rendered;
    expect(rendered).toBe(true);
  });
});
