import { asUser, route } from '@forge/api';
import { jira, READ } from './client';

interface IssueAttachments {
  fields?: { attachment?: { id: string; filename: string; mimeType?: string; size?: number; created?: string }[] };
}
export interface AttachmentRef {
  id: string;
  filename: string;
  mimeType: string;
  size: number;
  created: string;
}

/** The issue's own attachments as the caller may see them (listed, never downloaded or copied). */
export async function listAttachments(issueId: string): Promise<AttachmentRef[]> {
  const issue = await jira.read<IssueAttachments>(() => asUser().requestJira(route`/rest/api/3/issue/${issueId}?fields=attachment`, { headers: READ }));
  return (issue?.fields?.attachment ?? []).map((a) => ({ id: String(a.id), filename: a.filename, mimeType: a.mimeType ?? '', size: a.size ?? 0, created: a.created ?? '' }));
}
