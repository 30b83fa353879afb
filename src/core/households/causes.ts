// The canonical causes of hardship (致困原因) with their report bit and the aliases officers type.
export interface Cause {
  name: string;
  bit: number;
  aliases: readonly string[];
}

export const causes: readonly Cause[] = [
  { name: '收入低', bit: 1 << 0, aliases: ['收入低', '低收入', '收入偏低', '工资低', 'low_income'] },
  { name: '下岗失业', bit: 1 << 1, aliases: ['下岗失业', '下岗', '失业', '待岗', '下岗待业', 'unemployed', 'laid_off'] },
  {
    name: '本人或供养直系亲属大病',
    bit: 1 << 2,
    aliases: ['本人或供养直系亲属大病', '大病', '因病', '重病', '患病', '本人大病', '家属大病', '亲属大病', 'illness', 'serious_illness'],
  },
  { name: '子女上学', bit: 1 << 3, aliases: ['子女上学', '因学', '子女教育', '上学', '子女就学', 'schooling', 'education'] },
  { name: '自然灾害', bit: 1 << 4, aliases: ['自然灾害', '灾害', '因灾', '受灾', 'disaster'] },
  { name: '意外事故', bit: 1 << 5, aliases: ['意外事故', '意外', '突发事故', '事故', 'accident'] },
  { name: '工伤', bit: 1 << 6, aliases: ['工伤', '因工受伤', 'work_injury'] },
  { name: '职业病', bit: 1 << 7, aliases: ['职业病', 'occupational_disease'] },
  { name: '残疾', bit: 1 << 8, aliases: ['残疾', '因残', '伤残', 'disability'] },
  { name: '其他', bit: 1 << 9, aliases: ['其他', '其它', 'other'] },
];

const byAlias = new Map<string, Cause>();
for (const c of causes) for (const a of c.aliases) byAlias.set(a.toLowerCase(), c);

export function findCause(text: string): Cause | undefined {
  return byAlias.get(text.trim().toLowerCase());
}

export function causesFromMask(mask: number): Cause[] {
  return causes.filter((c) => (mask & c.bit) !== 0);
}

/** Characters that separate several causes in one cell. */
export const causeSeparators = /[、；;，,/／]+/;
