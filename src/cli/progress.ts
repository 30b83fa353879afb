// Progress on the terminal: a bar when stderr is a TTY, otherwise a plain line every so often.
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number, label: string): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (stream.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream, format: ' {bar} {percentage}% | {label}', hideCursor: true, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update: (done, total, label) => {
        if (!started) {
          bar.start(total, 0, { label });
          started = true;
        }
        bar.setTotal(total);
        bar.update(done, { label });
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastPercent = -10;
  return {
    update: (done, total, label) => {
      const percent = total > 0 ? Math.floor((done / total) * 100) : 0;
      if (percent >= lastPercent + 10) {
        lastPercent = percent - (percent % 10);
        stream.write(`进度 ${percent}%：${label}\n`);
      }
    },
    stop: () => {},
  };
}
