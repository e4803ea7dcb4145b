import { panelApi } from '../api';
import type { ViewContext } from '../boot';
import { useLoad } from '../ui/useLoad';
import { ErrorState, Loading } from '../ui/states';
import { ViewerBadge } from '../ui/ViewerBadge';

export function Panel({ ctx: _ctx }: { ctx: ViewContext }) {
  const [state, reload] = useLoad(() => panelApi('load', {}));
  if (state.status === 'loading') return <Loading label="Loading the incident…" />;
  if (state.status === 'error') return <ErrorState message={state.message} onRetry={reload} />;
  const { viewer, issue } = state.data;
  return (
    <div className="module">
      <ViewerBadge viewer={viewer} />
      <p className="subtle" data-testid="issue">
        Incident record for <strong>{issue.key}</strong>
      </p>
    </div>
  );
}
