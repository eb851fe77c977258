# Builds the resize references of testdata/transform with Pillow (python3-pil 9.4.0, Debian):
#   cd testdata && /usr/bin/python3 transform/make_references.py
from PIL import Image, ImageDraw

L = Image.Resampling.LANCZOS
astro = Image.open("photos/astronaut.png").convert("RGB")
astro.resize((100, 75), L).save("transform/astronaut_100x75.lanczos.png")
crop = astro.crop((200, 150, 240, 180))
crop.save("transform/astronaut_crop40x30.png")
crop.resize((97, 71), L).save("transform/astronaut_crop40x30_97x71.lanczos.png")
flower = Image.open("photos/flower.png").convert("RGB")
flower.resize((160, 107), L).save("transform/flower_160x107.lanczos.png")

# a disc of flower pixels on fully transparent black, with a soft rim: dark fringes show here
disc = flower.crop((500, 300, 560, 360)).convert("RGBA")
mask = Image.new("L", (60 * 4, 60 * 4), 0)
ImageDraw.Draw(mask).ellipse((30, 30, 210, 210), fill=255)
mask = mask.resize((60, 60), Image.Resampling.BOX)
black = Image.new("RGBA", (60, 60), (0, 0, 0, 0))
disc = Image.composite(disc, black, mask)
disc.putalpha(mask)
disc.save("transform/disc_rgba.png")
disc.resize((25, 25), L).save("transform/disc_rgba_25x25.lanczos.png")
