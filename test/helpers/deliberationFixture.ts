import { eq } from 'drizzle-orm';
import type { DbConnection } from '../../db/client';
import { jurisdiction, repLink, representative, roleAssignment, user } from '../../db/schema';
import { type Role } from '../../src/domain/vocabulary';
import { seedBasics } from './app';

/**
 * seedBasics plus what street deliberation needs in 东城街道 (DC): two communities, three deliberation
 * representatives (two with logins), two district representatives with logins (yc.rep1 linked to drep1,
 * yc.rep2 to drep2; drep3 unlinked) and two unit logins in DC.
 */
export async function seedDeliberation(db: DbConnection) {
  const basics = await seedBasics(db);
  const { dc, district } = basics;
  const passwordHash = db.select().from(user).where(eq(user.username, 'dc.clerk')).get()!.passwordHash;
  for (const [code, name] of [['DC01', '解放社区'], ['DC02', '滨江社区']]) {
    db.insert(jurisdiction).values({ kind: 'community', code: code!, name: name!, parentId: dc.id }).run();
  }
  const login = (username: string, displayName: string, role: Role, jurisdictionId: number) => {
    const row = db.insert(user).values({ username, displayName, passwordHash }).returning().get();
    db.insert(roleAssignment).values({ userId: row.id, role, jurisdictionId }).run();
    return row.id;
  };
  const rep = (v: typeof representative.$inferInsert) => db.insert(representative).values(v).returning().get();
  const drep1 = rep({ jurisdictionId: dc.id, body: 'deliberation', name: '刘一', community: '解放社区', phone: '13900000001',
    userId: login('dc.drep1', '刘一', 'deliberationRep', dc.id) });
  const drep2 = rep({ jurisdictionId: dc.id, body: 'deliberation', name: '陈二', community: '滨江社区', phone: '13900000002',
    userId: login('dc.drep2', '陈二', 'deliberationRep', dc.id) });
  const drep3 = rep({ jurisdictionId: dc.id, body: 'deliberation', name: '张三', community: '滨江社区', phone: '13900000003' });
  const rep1 = rep({ jurisdictionId: district.id, body: 'congress', name: '区代表王五', community: '东城街道', userId: login('yc.rep1', '区代表王五', 'representative', district.id) });
  const rep2 = rep({ jurisdictionId: district.id, body: 'congress', name: '区代表赵六', community: '东城街道', userId: login('yc.rep2', '区代表赵六', 'representative', district.id) });
  db.insert(repLink).values([
    { districtRepId: rep1.id, deliberationRepId: drep1.id, fromDate: '2026-01-01' },
    { districtRepId: rep2.id, deliberationRepId: drep2.id, fromDate: '2026-01-01' },
  ]).run();
  const unit1 = login('dc.unit1', '东城街道城市管理办', 'implementingUnit', dc.id);
  const unit2 = login('dc.unit2', '东城街道社区服务中心', 'implementingUnit', dc.id);
  return { ...basics, drep1, drep2, drep3, rep1, rep2, unit1, unit2 };
}
