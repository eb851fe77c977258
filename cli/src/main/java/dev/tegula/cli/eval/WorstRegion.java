package dev.tegula.cli.eval;

import dev.tegula.core.Image;
import dev.tegula.metrics.SsimMap;

/**
 * Where one codec does worst on one image, at its lowest quality setting: the whole SSIM heatmap
 * reduced to a thumbnail, and the worst square cropped from the original, the decode and the map.
 *
 * @param thumbnailScale map pixels per thumbnail pixel, to place {@code region} on the thumbnail
 */
public record WorstRegion(
    String image,
    String codec,
    int quality,
    SsimMap.Region region,
    Image heatmapThumbnail,
    int thumbnailScale,
    Image originalCrop,
    Image decodedCrop,
    Image heatmapCrop) {}
