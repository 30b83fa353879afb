// The roster person an operator means by a name, mobile, email or open_id (as in the 责任人 column).
import { AppError } from '../../core/app-error.ts';
import { classifyOfficerRef } from '../../core/households/classify-officer-ref.ts';
import type { Db } from '../../db/create-prisma.ts';

export async function findPerson(db: Db, ref: string) {
  const r = classifyOfficerRef(ref);
  const where =
    r.kind === 'open_id'
      ? { openId: r.value }
      : r.kind === 'mobile'
        ? { mobile: r.value }
        : r.kind === 'email'
          ? { email: r.value }
          : { name: r.value };
  const people = await db.person.findMany({ where, include: { region: true }, orderBy: { id: 'asc' } });
  const [only, ...more] = people;
  if (only === undefined) throw new AppError('not_found', `名册中没有「${ref}」：请写名册中的姓名、手机号、邮箱或 open_id`);
  if (more.length > 0) throw new AppError('invalid_argument', `名册中有 ${people.length} 人叫「${ref}」：请改用手机号、邮箱或 open_id`);
  return only;
}
