/**
 * Alibaba Cloud's official Python SDKs, pinned, for tests that drive the emulator with them. They are
 * installed by pip, once per set of versions and Python, into `.tools/python-sdks/<key>` (git-ignored).
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const PYTHON = 'python3';

/**
 * The three SDKs, and the Tea OpenAPI core that turns their parameters into the wire's text
 * (booleans become `True` / `False` there).
 */
export const PYTHON_SDKS = [
  'alibabacloud-ecs20140526==7.11.8',
  'alibabacloud-alikafka20190916==2.16.0',
  'alibabacloud-ens20171110==12.1.0',
  'alibabacloud-tea-openapi==0.4.6',
] as const;

const ROOT = path.resolve(__dirname, '../../.tools/python-sdks');
const INSTALL_HINT =
  `Install Python 3 with pip (Debian: apt-get install python3 python3-pip) so that ` +
  `\`${PYTHON} -m pip install --target <folder> ${PYTHON_SDKS.join(' ')}\` works, then run the test again.`;

/**
 * Installs PYTHON_SDKS unless already there; returns the folder to put on PYTHONPATH. pip writes into
 * a sibling folder that is renamed into place when complete, so a half-finished install never counts.
 */
export async function pythonSdks(): Promise<string> {
  let python: string;
  try {
    python = (await run(PYTHON, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'])).stdout.trim();
    await run(PYTHON, ['-m', 'pip', '--version']);
  } catch (error) {
    throw new Error(`${PYTHON} with pip is needed: ${(error as Error).message.trim()}\n${INSTALL_HINT}`, {
      cause: error,
    });
  }
  // The key names every pin (`py3.11_ecs20140526-7.11.8_...`): new pins install afresh beside the old.
  const pins = PYTHON_SDKS.map((spec) => spec.replace(/^alibabacloud-/, '').replace('==', '-'));
  const target = path.join(ROOT, [`py${python}`, ...pins].join('_'));
  if (existsSync(target)) return target;

  mkdirSync(ROOT, { recursive: true });
  const partial = `${target}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  try {
    await run(
      PYTHON,
      ['-m', 'pip', 'install', '--no-input', '--disable-pip-version-check', '--target', partial, ...PYTHON_SDKS],
      { env: { ...process.env, PIP_ROOT_USER_ACTION: 'ignore' }, maxBuffer: 64 * 1024 * 1024, timeout: 420_000 },
    );
  } catch (error) {
    rmSync(partial, { recursive: true, force: true });
    const { stderr, message } = error as { stderr?: string; message: string };
    const output = (stderr || message).trim().slice(-3000); // pip ends with the reason
    throw new Error(`pip could not install the Python SDKs:\n${output}\n${INSTALL_HINT}`, {
      cause: error,
    });
  }
  try {
    renameSync(partial, target);
  } catch (error) {
    // Another run may have finished the same install first: its folder is as good as this one.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(target)) throw error;
  }
  return target;
}
