package dev.tegula.core;

/**
 * The result of decoding a file.
 *
 * @param image the pixels (oriented when {@link DecodeOptions#autoOrient()} was asked for)
 * @param info what the header said
 * @param metadata ICC, EXIF, XMP and text carried from the file
 * @param complete false when the data ended early or was damaged and the decoder returned what it
 *     could (missing parts are grey or black); {@link #warning()} then says what happened
 * @param warning why the image is incomplete, or null
 */
public record DecodedImage(
    Image image, ImageInfo info, Metadata metadata, boolean complete, String warning) {}
