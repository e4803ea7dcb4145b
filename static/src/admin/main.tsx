import { boot } from '../boot';
import { AdminPage } from './AdminPage';

void boot((ctx) => <AdminPage ctx={ctx} />);
