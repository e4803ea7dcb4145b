// "Framework-specific guidance" (program page, seed 000): where each framework's compute runs
// and what Atlassian can see and support during an incident. Texts are the program's own.
import type { Framework } from './eligibility';

export interface FrameworkVisibility {
  /** The framework as the program names it. */
  readonly label: string;
  /** "Where Compute Runs". */
  readonly computeRuns: string;
  /** "Atlassian Visibility & Support". */
  readonly atlassianVisibility: string;
  /** One line for a partner opening the ticket: what Atlassian can see for this app. */
  readonly headline: string;
}

// Connect on Forge and Connect share one row in the program's table.
const CONNECT_COMPUTE = "The app's runtime is completely hosted on your own infrastructure.";
const CONNECT_VISIBILITY =
  'Atlassian provides platform-side telemetry (for example, product API calls and webhook event data), but you must use your own backend logs to investigate activity on your host.';
const CONNECT_HEADLINE =
  'Atlassian can see platform-side telemetry such as product API calls and webhook events, not your host: investigate activity there with your own backend logs.';

export const FRAMEWORK_VISIBILITY: Readonly<Record<Framework, FrameworkVisibility>> = {
  forge: {
    label: 'Runs on Atlassian Forge',
    computeRuns:
      "Built and deployed entirely on the Atlassian Forge platform. These apps don't natively egress data, and all components run within Atlassian's infrastructure.",
    atlassianVisibility:
      'Atlassian has comprehensive telemetry — including runtime invocation logs, lifecycle events, deployment history, and app activity traces. During an incident, Atlassian can fully support your investigation through available platform logs. This is the architecture with the fullest Atlassian support under this program.',
    headline:
      "Atlassian can see the app's full platform telemetry — runtime invocation logs, lifecycle events, deployment history and app activity traces.",
  },
  'forge-remote': {
    label: 'Forge Remote',
    computeRuns:
      'Delegate compute or processing to a remote host you own and operate. This split determines what Atlassian can and cannot see, making incident response a shared responsibility.',
    atlassianVisibility:
      'Atlassian has visibility into the Forge layer that invokes your remote host. The remote compute itself is not visible to Atlassian, so you must use your own backend logs to investigate activity on your host.',
    headline:
      'Atlassian can see the Forge layer that invokes your remote host, not the remote compute itself: investigate activity there with your own backend logs.',
  },
  'connect-on-forge': {
    label: 'Connect on Forge',
    computeRuns: CONNECT_COMPUTE,
    atlassianVisibility: CONNECT_VISIBILITY,
    headline: CONNECT_HEADLINE,
  },
  connect: {
    label: 'Connect',
    computeRuns: CONNECT_COMPUTE,
    atlassianVisibility: CONNECT_VISIBILITY,
    headline: CONNECT_HEADLINE,
  },
  'server-dc': {
    label: 'Server / Data Center',
    computeRuns: 'Run on customer-managed infrastructure.',
    atlassianVisibility:
      'Outside the scope of this program. Atlassian has no visibility into customer-managed infrastructure.',
    headline:
      'Atlassian can see nothing of customer-managed infrastructure: Server and Data Center apps are outside the scope of this program.',
  },
};

export function frameworkVisibility(f: Framework): FrameworkVisibility {
  return FRAMEWORK_VISIBILITY[f];
}
