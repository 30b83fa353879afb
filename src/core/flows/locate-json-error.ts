// Finds where a JSON text first goes wrong and says why in Chinese. JSON.parse on Node 20 often
// reports no position ("Unexpected token …"), so a small scanner walks the text itself.

export interface JsonErrorLocation {
  offset: number;
  line: number;
  column: number;
  message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/** Null when the text is valid JSON. Line and column are 1-based. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw new Stop(at, reason);
  };
  const space = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*'))
        fail('JSON 不支持注释：请删除 // 或 /* */ 注释（说明可写在 "description" 字段）');
      else return;
    }
  };
  const unexpected = (what: string): never => {
    if (i >= text.length) return fail(`文件在此处意外结束：${what}（是否少了 } 或 ]？）`);
    const c = text[i] as string;
    if ('“”‘’'.includes(c)) return fail(`这里用了中文引号 ${c}：JSON 只认英文双引号 "`);
    if (c === "'") return fail('JSON 的字符串和属性名要用英文双引号 "，不能用单引号');
    if (c === '，' || c === '：') return fail(`这里用了中文标点 ${c}：请改为英文的 ${c === '，' ? ',' : ':'}`);
    return fail(`这里不应出现 ${JSON.stringify(c)}：${what}`);
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') return void i++;
      if (c === '\\') {
        const e = text[i + 1] ?? '';
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else fail(`字符串里的转义 \\${e} 不合法：反斜杠要写成 \\\\`);
      } else if (c < ' ') fail('字符串里有换行或控制字符：字符串须在同一行内，换行写成 \\n');
      else i++;
    }
    fail('字符串没有结束：缺少右边的英文双引号 "');
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return string();
    const m = /^(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?![A-Za-z0-9_])/.exec(text.slice(i, i + 400));
    if (m) return void (i += (m[1] as string).length);
    unexpected('此处应为一个值（字符串要用英文双引号；true、false、null 要小写）');
  };
  const object = () => {
    i++;
    space();
    if (text[i] === '}') return void i++;
    for (;;) {
      space();
      if (text[i] === '}') fail('多余的逗号：JSON 的最后一项后面不能有逗号');
      if (text[i] !== '"') unexpected('此处应为用英文双引号括起来的属性名');
      string();
      space();
      if (text[i] !== ':') unexpected('属性名后面应有冒号 :');
      i++;
      value();
      space();
      if (text[i] === ',') i++;
      else if (text[i] === '}') return void i++;
      else unexpected('此处应为逗号 , 或右花括号 }（是否漏了逗号？）');
    }
  };
  const array = () => {
    i++;
    space();
    if (text[i] === ']') return void i++;
    for (;;) {
      space();
      if (text[i] === ']') fail('多余的逗号：JSON 的最后一项后面不能有逗号');
      value();
      space();
      if (text[i] === ',') i++;
      else if (text[i] === ']') return void i++;
      else unexpected('此处应为逗号 , 或右方括号 ]（是否漏了逗号？）');
    }
  };
  try {
    space();
    if (i >= text.length) fail('文件是空的：应为一个 JSON 对象 { … }');
    value();
    space();
    if (i < text.length) fail('JSON 值结束后还有多余内容：整个文件应只有一个 { … }');
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return { offset: error.offset, ...lineAndColumn(text, error.offset), message: error.reason };
  }
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1] ?? '').length + 1 };
}
