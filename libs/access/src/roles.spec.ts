import { describe, expect, it } from 'vitest';
import { ROLES, isEditor, roleSatisfies, type Role } from './roles';

describe('roleSatisfies', () => {
  it('admin may do what every role may do', () => {
    for (const role of ROLES) expect(roleSatisfies('admin', role)).toBe(true);
  });

  it('editor includes ingest, not admin or subscriber', () => {
    expect(roleSatisfies('editor', 'editor')).toBe(true);
    expect(roleSatisfies('editor', 'ingest')).toBe(true);
    expect(roleSatisfies('editor', 'admin')).toBe(false);
    expect(roleSatisfies('editor', 'subscriber')).toBe(false);
  });

  it('ingest is only ingest', () => {
    const granted = ROLES.filter((r) => roleSatisfies('ingest', r));
    expect(granted).toEqual(['ingest']);
  });

  it('subscriber stands apart', () => {
    const granted = ROLES.filter((r) => roleSatisfies('subscriber', r));
    expect(granted).toEqual(['subscriber']);
  });

  it('is transitive along admin ⊃ editor ⊃ ingest', () => {
    const chain: Role[] = ['admin', 'editor', 'ingest'];
    chain.forEach((higher, i) => chain.slice(i).forEach((lower) => expect(roleSatisfies(higher, lower)).toBe(true)));
  });
});

describe('isEditor', () => {
  const as = (role: Role) => ({ keyId: 'k', name: 'n', role });
  it('is true for editor and admin keys only', () => {
    expect(isEditor(as('admin'))).toBe(true);
    expect(isEditor(as('editor'))).toBe(true);
    expect(isEditor(as('ingest'))).toBe(false);
    expect(isEditor(as('subscriber'))).toBe(false);
    expect(isEditor(undefined)).toBe(false);
  });
});
