import { Button, Dialog, DialogActions, DialogContent, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';

/** Retracting needs a reason: it is shown with the event from then on. */
export function RetractDialog({ onRetract, onClose }: { onRetract: (reason: string) => void; onClose: () => void }) {
  const [reason, setReason] = useState('');
  return (
    <Dialog open onClose={onClose} aria-labelledby="retract-title" fullWidth>
      <DialogTitle id="retract-title">Retract this event</DialogTitle>
      <DialogContent>
        <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} fullWidth multiline autoFocus sx={{ mt: 1 }} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button color="error" variant="contained" disabled={!reason.trim()} onClick={() => onRetract(reason.trim())}>
          Confirm retraction
        </Button>
      </DialogActions>
    </Dialog>
  );
}
