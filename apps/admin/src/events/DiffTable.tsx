import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { displayValue, type FieldChange } from './diff';

/** A field-by-field diff as a table. */
export function DiffTable({
  changes,
  beforeLabel,
  afterLabel,
  caption,
}: {
  changes: FieldChange[];
  beforeLabel: string;
  afterLabel: string;
  caption: string;
}) {
  if (!changes.length) return <p>No differences in the fields.</p>;
  return (
    <Table size="small" aria-label={caption}>
      <TableHead>
        <TableRow>
          <TableCell component="th">Field</TableCell>
          <TableCell component="th">{beforeLabel}</TableCell>
          <TableCell component="th">{afterLabel}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {changes.map((c) => (
          <TableRow key={c.field}>
            <TableCell>{c.field}</TableCell>
            <TableCell sx={{ bgcolor: '#fdecea' }}>{displayValue(c.before)}</TableCell>
            <TableCell sx={{ bgcolor: '#e8f5e9' }}>{displayValue(c.after)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
