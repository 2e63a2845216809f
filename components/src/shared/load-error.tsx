/** A query that failed: what could not be loaded, why, and Retry (announced, as the view is otherwise empty). */
export function LoadError({
  what,
  error,
  onRetry,
}: {
  /** "the replicas", "models": completes "Could not load …". */
  what: string;
  error: { message: string };
  onRetry?: () => unknown;
}) {
  return (
    <p role="alert" className="hangar-error">
      Could not load {what}: {error.message}
      {onRetry ? (
        <>
          {' '}
          <button type="button" className="hangar-button" onClick={() => void onRetry()}>
            Retry
          </button>
        </>
      ) : null}
    </p>
  );
}
