/** Pixel transforms applied before encoding: resizing, EXIF orientation, grayscale. */
package dev.tegula.transform;
