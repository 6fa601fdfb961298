import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DiffTable } from './DiffTable';

describe('DiffTable', () => {
  it('renders one row per changed field with readable before and after values', () => {
    render(
      <DiffTable
        caption="Field differences"
        beforeLabel="Version 1"
        afterLabel="Version 2"
        changes={[
          { field: 'actors', before: [{ code: 'US', role: 'initiator' }], after: [{ code: 'CN', role: 'target' }] },
          { field: 'endDate', before: null, after: '2025-05' },
        ]}
      />,
    );
    const table = screen.getByRole('table', { name: 'Field differences' });
    expect(table.textContent).toContain('US (initiator)');
    expect(table.textContent).toContain('CN (target)');
    expect(screen.getAllByRole('row')).toHaveLength(3);
    expect(screen.getByRole('columnheader', { name: 'Version 2' })).toBeTruthy();
  });
});
