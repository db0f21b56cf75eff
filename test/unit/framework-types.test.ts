/**
 * The framework declarations (`genesys-chat/jsx`, `/react`, `/vue`) follow the element: every attribute the element
 * observes (custom-elements.json, generated from its decorators) is in GenesysChatAttributes, and every property
 * behind one is in GenesysChatSettableProperty. The lists below are checked both ways: by the compiler against the
 * types (a name the type lacks, or one the list forgets, fails `tsc`), and here against the manifest.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GenesysChatAttributes, GenesysChatSettableProperty } from '../../src/attributes.js';

/** Every key of T, exactly once: the compiler refuses a list that misses one. */
function allKeys<T>() {
  return <const L extends readonly (keyof T)[]>(list: L & ([Exclude<keyof T, L[number]>] extends [never] ? unknown : never)) => list;
}

const ATTRIBUTES = allKeys<GenesysChatAttributes>()(['region', 'deployment-id', 'token-endpoint', 'skill', 'display-name',
  'lang', 'mode', 'position', 'title-count', 'notification-sound', 'desktop-notifications', 'prechat-fields']);
const PROPERTIES = allKeys<Record<GenesysChatSettableProperty, true>>()(['region', 'deploymentId', 'tokenEndpoint', 'skill',
  'displayName', 'lang', 'mode', 'isOpen', 'position', 'titleCount', 'notificationSound', 'desktopNotifications',
  'prechatFields', 'customAttributes', 'strings', 'auth']);

interface ManifestAttribute { name: string; fieldName?: string }
interface Manifest { modules: { declarations?: { tagName?: string; attributes?: ManifestAttribute[] }[] }[] }

function manifestAttributes(): ManifestAttribute[] {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '../../custom-elements.json'), 'utf8')) as Manifest;
  const element = manifest.modules.flatMap((module) => module.declarations ?? []).find((d) => d.tagName === 'genesys-chat');
  return element?.attributes ?? [];
}

describe('framework type declarations', () => {
  it('name every attribute the element observes, except `open` (its property is isOpen: open() is a method)', () => {
    const names = manifestAttributes().map((attribute) => attribute.name).filter((name) => name !== 'open');
    expect(names.length).toBeGreaterThan(10);
    expect([...ATTRIBUTES].sort()).toEqual(names.sort());
  });

  it('let a framework set the property behind every attribute', () => {
    const fields = manifestAttributes().map((attribute) => attribute.fieldName);
    expect(fields.filter((field) => !PROPERTIES.includes(field as GenesysChatSettableProperty))).toEqual([]);
  });
});
