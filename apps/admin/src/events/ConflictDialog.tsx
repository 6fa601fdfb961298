import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Typography } from '@mui/material';
import { displayValue, type EditableValues, type FieldChange } from './diff';
import { DiffTable } from './DiffTable';

export interface Conflict {
  currentVersion: number;
  theirs: FieldChange[];
  mine: Partial<EditableValues>;
  overlapping: string[];
}

/** A stale save: what someone else changed, what the editor changed; reload theirs or reapply mine. Never a silent overwrite. */
export function ConflictDialog({
  conflict,
  onReload,
  onReapply,
  onClose,
}: {
  conflict: Conflict;
  onReload: () => void;
  onReapply: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog open onClose={onClose} maxWidth="md" fullWidth aria-labelledby="conflict-title">
      <DialogTitle id="conflict-title">Someone else changed this event</DialogTitle>
      <DialogContent>
        <Typography gutterBottom>
          It is now at version {conflict.currentVersion}. Your changes were not saved. Here is what changed since you opened it:
        </Typography>
        <DiffTable changes={conflict.theirs} beforeLabel="When you opened it" afterLabel="Now" caption="Their changes" />
        <Typography variant="subtitle1" component="h3" sx={{ mt: 2 }}>
          Your changes
        </Typography>
        <ul aria-label="Your changes">
          {Object.entries(conflict.mine).map(([field, value]) => (
            <li key={field}>
              <strong>{field}</strong>: {displayValue(value)}
            </li>
          ))}
        </ul>
        {conflict.overlapping.length > 0 && (
          <Alert severity="warning">Reapplying overwrites their change to: {conflict.overlapping.join(', ')}.</Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button onClick={onReload}>Reload their version</Button>
        <Button variant="contained" onClick={onReapply}>
          Reapply my changes
        </Button>
      </DialogActions>
    </Dialog>
  );
}
