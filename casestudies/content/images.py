"""Friendly abstract hero images drawn with Pillow, for demo and bench data."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model

PALETTES = [
    ["#0b5c52", "#f6c453", "#f4a988", "#e3f0ec", "#fbf8f3"],
    ["#a9431c", "#f6c453", "#0b5c52", "#fbe8dc", "#ffffff"],
    ["#2f5d8a", "#f4a988", "#f6c453", "#e6eef6", "#fbf8f3"],
    ["#5b7f3a", "#f6c453", "#a9431c", "#eef3e4", "#fbf8f3"],
    ["#7a4a86", "#f4a988", "#0b5c52", "#f2eaf4", "#ffffff"],
]
WIDTH, HEIGHT = 1200, 675


def draw_png(seed):
    """A landscape of soft circles and hills; the same seed gives the same image."""
    rng = random.Random(seed)  # noqa: S311 - pictures, not secrets
    palette = PALETTES[rng.randrange(len(PALETTES))]
    image = PILImage.new("RGB", (WIDTH, HEIGHT), palette[3])
    draw = ImageDraw.Draw(image)
    # A sun and a few 'neighbours' gathered on a square.
    sun_x = rng.randint(150, WIDTH - 150)
    draw.ellipse((sun_x - 90, 60, sun_x + 90, 240), fill=palette[1])
    for layer, colour in enumerate((palette[2], palette[0])):
        top = 380 + layer * 90
        draw.ellipse((-200, top, WIDTH // 2 + 200, top + 500), fill=colour)
        draw.ellipse((WIDTH // 2 - 200, top + 40, WIDTH + 200, top + 560), fill=colour)
    for _index in range(rng.randint(4, 7)):
        x = rng.randint(80, WIDTH - 80)
        y = rng.randint(300, 420)
        radius = rng.randint(26, 48)
        colour = palette[rng.choice((1, 2, 4))]
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
        draw.rounded_rectangle(
            (x - radius, y + radius + 6, x + radius, y + 3 * radius),
            radius=radius // 2,
            fill=colour,
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def hero_image(title, seed):
    """The Wagtail image with this title, drawn and saved the first time."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    data = draw_png(seed)
    image = Image(title=title, width=WIDTH, height=HEIGHT)
    image.file = ImageFile(io.BytesIO(data), name=f"praktijk-{seed}.png")
    image.save()
    return image
