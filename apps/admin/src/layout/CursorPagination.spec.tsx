import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { ListContextProvider, type ListControllerResult } from 'react-admin';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CursorPagination, rowsShown } from './CursorPagination';

afterEach(cleanup);

describe('rowsShown', () => {
  it('counts the rows of the page, not a guessed total', () => {
    expect(rowsShown(1, 50, 1)).toBe('Rows 1–1');
    expect(rowsShown(2, 50, 50)).toBe('Rows 51–100');
    expect(rowsShown(1, 50, 0)).toBe('No rows');
    expect(rowsShown(3, 50, 0)).toBe('No more rows');
  });
});

function renderWith(overrides: Partial<ListControllerResult>) {
  const setPage = vi.fn();
  const value = {
    page: 1,
    perPage: 50,
    data: Array.from({ length: 50 }, (_, i) => ({ id: i })),
    hasNextPage: true,
    hasPreviousPage: false,
    isPending: false,
    setPage,
    setPerPage: vi.fn(),
    ...overrides,
  } as unknown as ListControllerResult;
  render(
    <ListContextProvider value={value}>
      <CursorPagination />
    </ListContextProvider>,
  );
  return { setPage };
}

describe('CursorPagination', () => {
  it('offers "Next page" while the API gives a next cursor, and no previous page on the first', () => {
    const { setPage } = renderWith({});
    expect(screen.getByRole('status').textContent).toBe('Rows 1–50 · page 1');
    expect(screen.getByRole('button', { name: 'Previous page' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(setPage).toHaveBeenCalledWith(2);
  });

  it('disables "Next page" on the last page and goes back with "Previous page"', () => {
    const { setPage } = renderWith({ page: 3, hasNextPage: false, hasPreviousPage: true, data: [{ id: 1 }, { id: 2 }] });
    expect(screen.getByRole('status').textContent).toBe('Rows 101–102 · page 3');
    expect(screen.getByRole('button', { name: 'Next page' }).hasAttribute('disabled')).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Previous page' }));
    expect(setPage).toHaveBeenCalledWith(2);
  });
});
