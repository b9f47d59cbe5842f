import { useState } from 'react';
import { isApiError } from '../../../api/client';
import { errorsByField } from './insights';

/**
 * The state of an editor's submit: errors by field (the page's own checks, or the server's),
 * the error to show when none is tied to a field, and whether a save is under way.
 */
export function useSubmission() {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  /** With local errors, shows them and sends nothing; otherwise saves, and shows what the server refused by field. */
  async function submit(localErrors: Record<string, string>, save: () => Promise<void>) {
    if (Object.keys(localErrors).length > 0) {
      setErrors(localErrors);
      setSubmitError(null);
      return;
    }
    setBusy(true);
    setErrors({});
    setSubmitError(null);
    try {
      await save();
    } catch (error) {
      if (isApiError(error) && error.errors.length > 0) setErrors(errorsByField(error.errors));
      setSubmitError(error);
    } finally {
      setBusy(false);
    }
  }

  return { errors, submitError, busy, submit };
}
