package dev.tegula.tgl;

import dev.tegula.tgl.lossy.PreparedLossyTile;

/**
 * A lossy tile's planes as far as they do not depend on the quality ({@link TileEncoder#prepare}).
 *
 * @param constantColour the colour plane when all its samples are equal, else null
 * @param lossy the lossy codec's preparation of the colour, or null when constant (or the
 *     container's codecs only)
 * @param alpha the lossless alpha plane, or null for an opaque image
 */
record PreparedTile(TileRect rect, byte[] constantColour, PreparedLossyTile lossy, byte[] alpha) {}
