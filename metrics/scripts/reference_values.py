#!/usr/bin/python3
"""Reference values for the metrics module, computed with scikit-image.

Makes small image pairs from the developer corpus (crops of originals against JPEG decodes by
cjpeg/djpeg, WebP decodes by cwebp/dwebp and decodes by Tegula's own JPEG decoder), stores them
under testdata/metrics/ and writes there:

  reference.tsv  per pair: PSNR (RGB and BT.601 luma) and SSIM from scikit-image, MS-SSIM from an
                 independent numpy port of Wang's msssim.m, alpha PSNR/SSIM for RGBA pairs
  bdrate.tsv     Bjontegaard delta rates (piecewise cubic, scipy's PchipInterpolator) between
                 the rate-PSNR points of cjpeg and cwebp on the same crops

Run with Debian's python3 and python3-skimage (0.19.3), from anywhere:
  /usr/bin/python3 metrics/scripts/reference_values.py [--corpus DIR] [--tegula JAR]
The output is deterministic for fixed tool versions (libjpeg-turbo 2.1.5, libwebp 1.2.4).
"""

import argparse
import io
import os
import subprocess
import sys
import tempfile

import numpy as np
import scipy
import skimage
from PIL import Image
from scipy.interpolate import PchipInterpolator
from scipy.signal import correlate2d
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, 'testdata', 'metrics')

# name: (corpus file, left, top, width, height). Odd sizes on purpose: they exercise the crop of
# the SSIM windows and MS-SSIM's halving of odd sides; all are >= 161 so MS-SSIM has 5 scales.
ORIGINALS = {
    'astronaut': ('photos/astronaut.png', 160, 40, 197, 173),
    'flower': ('photos/flower.png', 420, 260, 180, 165),
    'terminal': ('graphics/terminal.png', 0, 0, 211, 163),
    'hubble': ('photos/hubble_deep_field.png', 400, 300, 170, 170),
    'coffee': ('photos/coffee.png', 200, 120, 176, 168),
    'cutout': ('alpha/chelsea_cutout.png', 0, 40, 190, 180),
}

# (original, variant, how). 'jpeg:ARGS' = cjpeg ARGS then djpeg; 'webp:ARGS' = cwebp ARGS then
# dwebp; 'tegula:ARGS' = cjpeg ARGS then Tegula's decoder; 'same' = the original itself.
PAIRS = [
    ('astronaut', 'jpeg-q20', 'jpeg:-quality 20'),
    ('astronaut', 'jpeg-q90', 'jpeg:-quality 90'),
    ('astronaut', 'webp-q30', 'webp:-q 30'),
    ('flower', 'jpeg-q50-444', 'jpeg:-quality 50 -sample 1x1'),
    ('flower', 'webp-q75', 'webp:-q 75'),
    ('flower', 'tegula-progressive-q60', 'tegula:-quality 60 -progressive'),
    ('terminal', 'jpeg-q30', 'jpeg:-quality 30'),
    ('terminal', 'webp-q50', 'webp:-q 50'),
    ('hubble', 'jpeg-q10', 'jpeg:-quality 10'),
    ('hubble', 'tegula-arithmetic-q40', 'tegula:-quality 40 -arithmetic'),
    ('coffee', 'jpeg-q75', 'jpeg:-quality 75'),
    ('coffee', 'same', 'same'),
    ('cutout', 'webp-q40', 'webp:-q 40 -alpha_q 30 -exact'),
    ('cutout', 'webp-q80', 'webp:-q 80 -alpha_q 100'),
]

# BD-rate cases: (anchor, test, original) with the qualities of each codec's curve.
BD_QUALITIES = [20, 35, 50, 65, 80, 90]
BD_CASES = [('jpeg', 'webp', 'astronaut'), ('jpeg', 'webp', 'flower'),
            ('webp', 'jpeg', 'coffee'), ('jpeg', 'webp', 'terminal')]

LUMA = (0.299, 0.587, 0.114)  # BT.601, on the 8-bit values, unrounded
BACKGROUND = 128
MS_WEIGHTS = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333]


def run(args, **kw):
    return subprocess.run(args, check=True, capture_output=True, **kw).stdout


def load(path):
    im = Image.open(path)
    im.load()
    return np.asarray(im.convert('RGBA' if im.mode in ('RGBA', 'LA', 'P') else 'RGB'))


def encode_png(array, path):
    Image.fromarray(array).save(path, optimize=True)


def make_variant(original_png, how, tmp, tegula_jar):
    kind, _, args = how.partition(':')
    args = args.split()
    if kind == 'same':
        return load(original_png)
    if kind in ('jpeg', 'tegula'):
        ppm = os.path.join(tmp, 'in.ppm')
        Image.open(original_png).convert('RGB').save(ppm)
        jpg = os.path.join(tmp, 'x.jpg')
        run(['cjpeg'] + args + ['-outfile', jpg, ppm])
        out = os.path.join(tmp, 'x.png')
        if kind == 'jpeg':
            run(['djpeg', '-outfile', os.path.join(tmp, 'x.ppm'), jpg])
            return load(os.path.join(tmp, 'x.ppm'))
        if os.path.exists(out):
            os.remove(out)
        run(['java', '-jar', tegula_jar, 'convert', jpg, out])
        return load(out)
    if kind == 'webp':
        webp = os.path.join(tmp, 'x.webp')
        run(['cwebp', '-quiet'] + args + [original_png, '-o', webp])
        out = os.path.join(tmp, 'x.png')
        run(['dwebp', '-quiet', webp, '-o', out])
        return load(out)
    raise ValueError(how)


def composite(rgba):
    """Over grey 128, rounded to 8 bits: (c*a + 128*(255-a) + 127) // 255, as AlphaComposite."""
    c = rgba[..., :3].astype(np.int64)
    a = rgba[..., 3:4].astype(np.int64)
    return ((c * a + BACKGROUND * (255 - a) + 127) // 255).astype(np.uint8)


def luma(rgb):
    r, g, b = (rgb[..., i].astype(np.float64) for i in range(3))
    return LUMA[0] * r + LUMA[1] * g + LUMA[2] * b


# --- MS-SSIM: a direct port of Wang's msssim.m / ssim_index.m (2D 'valid' correlation, not the
# separable filters the Java code uses, so that the two implementations are independent). ---

def gaussian_window():
    x = np.arange(-5, 6, dtype=np.float64)
    g = np.exp(-(x * x) / (2 * 1.5 * 1.5))
    w = np.outer(g, g)
    return w / w.sum()


def ssim_valid(x, y):
    w = gaussian_window()
    c1, c2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2
    f = lambda im: correlate2d(im, w, mode='valid')
    mu1, mu2 = f(x), f(y)
    s11 = f(x * x) - mu1 * mu1
    s22 = f(y * y) - mu2 * mu2
    s12 = f(x * y) - mu1 * mu2
    cs = (2 * s12 + c2) / (s11 + s22 + c2)
    ssim = (2 * mu1 * mu2 + c1) / (mu1 * mu1 + mu2 * mu2 + c1) * cs
    return ssim.mean(), cs.mean()


def halve(im):
    # imfilter(im, ones(2)/4, 'symmetric', 'same') then im(1:2:end, 1:2:end)
    h, w = im.shape
    p = np.pad(im, ((0, h % 2), (0, w % 2)), mode='symmetric')
    return (p[0::2, 0::2] + p[0::2, 1::2] + p[1::2, 0::2] + p[1::2, 1::2]) / 4


def ms_ssim(x, y):
    values = []
    for scale in range(5):
        ssim, cs = ssim_valid(x, y)
        values.append(ssim if scale == 4 else cs)
        if scale < 4:
            x, y = halve(x), halve(y)
    return float(np.prod([max(v, 0) ** wt for v, wt in zip(values, MS_WEIGHTS)]))


def metrics(ref, test):
    alpha = ref.shape[2] == 4 and (ref[..., 3].min() < 255 or test[..., 3].min() < 255)
    row = {}
    if alpha:
        ra, ta = ref[..., 3], test[..., 3]
        with np.errstate(divide='ignore'):
            row['psnr_alpha'] = peak_signal_noise_ratio(ra, ta, data_range=255)
        row['ssim_alpha'] = structural_similarity(ra, ta, data_range=255)
    if ref.shape[2] == 4:
        ref, test = composite(ref), composite(test)
    with np.errstate(divide='ignore'):
        row['psnr'] = peak_signal_noise_ratio(ref, test, data_range=255)
    row['ssim'] = structural_similarity(ref, test, channel_axis=2, data_range=255)
    yr, yt = luma(ref), luma(test)
    with np.errstate(divide='ignore'):
        row['psnr_luma'] = peak_signal_noise_ratio(yr, yt, data_range=255)
    row['ssim_luma'] = structural_similarity(yr, yt, data_range=255, gaussian_weights=True,
                                             sigma=1.5, use_sample_covariance=False)
    row['msssim'] = ms_ssim(yr, yt)
    # the port's first scale must be skimage's Gaussian SSIM: checks the port
    assert abs(ssim_valid(yr, yt)[0] - row['ssim_luma']) < 1e-9
    return row


def bd_rate(anchor, test):
    """Bjontegaard delta rate in percent: PCHIP of log10(rate) over PSNR, integrated over the
    common PSNR range (the piecewise cubic form used by current VCEG/JVET practice)."""
    def curve(points):
        points = sorted(points, key=lambda p: p[1])
        q = np.array([p[1] for p in points])
        return PchipInterpolator(q, np.log10([p[0] for p in points])), q.min(), q.max()
    ca, lo_a, hi_a = curve(anchor)
    ct, lo_t, hi_t = curve(test)
    lo, hi = max(lo_a, lo_t), min(hi_a, hi_t)
    diff = (ct.integrate(lo, hi) - ca.integrate(lo, hi)) / (hi - lo)
    return (10 ** diff - 1) * 100


def rate_points(codec, original_png, tmp):
    h, w = load(original_png).shape[:2]
    points = []
    for q in BD_QUALITIES:
        if codec == 'jpeg':
            ppm = os.path.join(tmp, 'bd.ppm')
            Image.open(original_png).convert('RGB').save(ppm)
            data = run(['cjpeg', '-quality', str(q), ppm])
            out = os.path.join(tmp, 'bd.jpg')
            with open(out, 'wb') as f:
                f.write(data)
            decoded = load(io.BytesIO(run(['djpeg', out])))
        else:
            out = os.path.join(tmp, 'bd.webp')
            run(['cwebp', '-quiet', '-q', str(q), original_png, '-o', out])
            with open(out, 'rb') as f:
                data = f.read()
            png = os.path.join(tmp, 'bd.png')
            run(['dwebp', '-quiet', out, '-o', png])
            decoded = load(png)
        ref = load(original_png)[..., :3]
        psnr = peak_signal_noise_ratio(ref, decoded[..., :3], data_range=255)
        points.append((len(data) * 8 / (w * h), psnr))
    return points


def fmt(v):
    if v is None:
        return ''
    if np.isinf(v):
        return 'inf'
    return repr(float(v))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--corpus', default=os.path.join(os.path.dirname(ROOT), 'shared', 'corpus'))
    parser.add_argument('--tegula', default=os.path.join(ROOT, 'cli', 'target', 'tegula.jar'))
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f'corpus not found: {args.corpus} (use --corpus)')
    if not os.path.isfile(args.tegula):
        sys.exit(f'{args.tegula} not found: build the cli first (./tegula --version)')
    os.makedirs(OUT, exist_ok=True)
    versions = {
        'skimage': skimage.__version__, 'numpy': np.__version__, 'scipy': scipy.__version__,
        # cjpeg prints its version on stderr
        'cjpeg': subprocess.run(['cjpeg', '-version'], capture_output=True, text=True)
        .stderr.strip().split('\n')[0],
        'cwebp': run(['cwebp', '-version']).decode().strip(),
    }

    with tempfile.TemporaryDirectory() as tmp:
        for name, (src, left, top, w, h) in ORIGINALS.items():
            im = Image.open(os.path.join(args.corpus, src))
            crop = np.asarray(im.crop((left, top, left + w, top + h)))
            encode_png(crop, os.path.join(OUT, f'{name}.png'))

        rows = []
        for name, variant, how in PAIRS:
            original = os.path.join(OUT, f'{name}.png')
            decoded = make_variant(original, how, tmp, args.tegula)
            ref = load(original)
            if ref.shape[2] == 4 and decoded.shape[2] == 3:
                decoded = np.dstack([decoded, np.full(decoded.shape[:2], 255, np.uint8)])
            test_file = f'{name}.png' if variant == 'same' else f'{name}.{variant}.png'
            if variant != 'same':
                encode_png(decoded, os.path.join(OUT, test_file))
            m = metrics(ref, load(os.path.join(OUT, test_file)))
            rows.append((f'{name}.png', test_file, how, m))
            print(f'{test_file:40s} psnr {m["psnr"]:.3f} ssim {m["ssim"]:.4f} '
                  f'ms-ssim {m["msssim"]:.4f}', file=sys.stderr)

        with open(os.path.join(OUT, 'reference.tsv'), 'w') as f:
            f.write('# made by metrics/scripts/reference_values.py with '
                    + ', '.join(f'{k} {v}' for k, v in versions.items()) + '\n')
            cols = ['psnr', 'psnr_luma', 'ssim', 'ssim_luma', 'msssim', 'psnr_alpha',
                    'ssim_alpha']
            f.write('reference\ttest\tmade_by\t' + '\t'.join(cols) + '\n')
            for ref, test, how, m in rows:
                f.write(f'{ref}\t{test}\t{how}\t'
                        + '\t'.join(fmt(m.get(c)) for c in cols) + '\n')

        with open(os.path.join(OUT, 'bdrate.tsv'), 'w') as f:
            f.write('# bits per pixel and PSNR (RGB) of cjpeg+djpeg and cwebp+dwebp at qualities '
                    + ','.join(map(str, BD_QUALITIES))
                    + '; bd_rate_percent from scipy PchipInterpolator\n')
            f.write('image\tanchor\ttest\tanchor_points\ttest_points\tbd_rate_percent\n')
            for anchor, test, name in BD_CASES:
                original = os.path.join(OUT, f'{name}.png')
                pa = rate_points(anchor, original, tmp)
                pt = rate_points(test, original, tmp)
                pts = lambda ps: ';'.join(f'{r!r}:{q!r}' for r, q in ps)
                bd = bd_rate(pa, pt)
                f.write(f'{name}.png\t{anchor}\t{test}\t{pts(pa)}\t{pts(pt)}\t{bd!r}\n')
                print(f'BD-rate {test} vs {anchor} on {name}: {bd:.2f} %', file=sys.stderr)


if __name__ == '__main__':
    main()
