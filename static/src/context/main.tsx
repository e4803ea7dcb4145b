import { boot } from '../boot';
import { IssueContext } from './IssueContext';

void boot((ctx) => <IssueContext ctx={ctx} />);
