package dev.tegula.metrics;

/**
 * How close a test image is to a reference. NaN marks a metric the image is too small for (SSIM
 * needs 7x7 pixels, the Gaussian SSIM 11x11, MS-SSIM 161x161); PSNR is +infinity when the compared
 * channels are identical.
 *
 * @param psnr PSNR over R, G and B together, dB
 * @param psnrLuma PSNR of BT.601 luma ({@link Luma}), dB
 * @param ssim scikit-image's default SSIM: 7x7 uniform window, sample covariance, mean of R, G, B
 * @param ssimLuma the original Gaussian SSIM (11x11, σ 1.5) of luma ({@link GaussianSsim})
 * @param msSsim MS-SSIM of luma ({@link MsSsim})
 * @param alpha whether either image has transparency; colour metrics then compare the images
 *     composited over grey ({@link AlphaComposite})
 * @param psnrAlpha PSNR of the alpha channel alone, NaN when both images are opaque
 * @param ssimAlpha {@link BoxSsim} SSIM of the alpha channel alone, NaN when both are opaque
 * @param map the per-pixel SSIM, when asked for, else null
 */
public record Comparison(
    int width,
    int height,
    double psnr,
    double psnrLuma,
    double ssim,
    double ssimLuma,
    double msSsim,
    boolean alpha,
    double psnrAlpha,
    double ssimAlpha,
    SsimMap map) {}
