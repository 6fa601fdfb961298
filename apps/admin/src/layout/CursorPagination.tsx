import { Box, Button, MenuItem, TextField, Typography } from '@mui/material';
import { useId } from 'react';
import { useListContext } from 'react-admin';

/** "Rows 51–100": what the current page shows, without a total (keyset paging does not count rows). */
export function rowsShown(page: number, perPage: number, rows: number): string {
  if (rows === 0) return page > 1 ? 'No more rows' : 'No rows';
  const from = (page - 1) * perPage + 1;
  return `Rows ${from}–${from + rows - 1}`;
}

/**
 * Paging over the API's cursors: "Previous page" and "Next page" (enabled by the API's nextCursor, not by
 * a count), the rows shown, and the page size. react-admin's own pagination guesses a total ("1-50 of 50"
 * for a page of one row) when the data source has none.
 */
export function CursorPagination({ sizes = [25, 50, 100, 200] }: { sizes?: number[] }) {
  const { page, perPage, setPage, setPerPage, hasNextPage, hasPreviousPage, data, isPending, isFetching } = useListContext();
  // While a page loads, the previous page's rows stay on screen: say so rather than count them as the new page's.
  const busy = isPending || isFetching;
  const sizeId = useId();
  const rows = data?.length ?? 0;
  return (
    <Box
      component="nav"
      aria-label="Pages"
      sx={{ display: 'flex', alignItems: 'center', justifyContent: 'flex-end', gap: 2, py: 1, flexWrap: 'wrap' }}
    >
      <Typography role="status" aria-live="polite">
        {busy ? 'Loading…' : `${rowsShown(page, perPage, rows)} · page ${page}`}
      </Typography>
      <TextField
        select
        size="small"
        id={sizeId}
        label="Rows per page"
        value={perPage}
        onChange={(e) => setPerPage(Number(e.target.value))}
        // react-admin's theme makes text fields full width; this one sits in the pager's row.
        fullWidth={false}
        sx={{ width: 140, flex: '0 0 auto', my: 0 }}
      >
        {sizes.map((n) => (
          <MenuItem key={n} value={n}>
            {n}
          </MenuItem>
        ))}
      </TextField>
      <Button variant="outlined" disabled={busy || !(hasPreviousPage ?? page > 1)} onClick={() => setPage(page - 1)}>
        Previous page
      </Button>
      <Button variant="outlined" disabled={busy || !hasNextPage} onClick={() => setPage(page + 1)}>
        Next page
      </Button>
    </Box>
  );
}
