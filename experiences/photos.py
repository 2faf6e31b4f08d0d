"""Checking a member's photo with Pillow and storing a clean copy.

The upload's name and claimed type are never trusted: Pillow must recognise the
bytes as JPEG, PNG or WebP, the size is read from the header before any pixel is
decoded, and the stored file is re-encoded (without EXIF, so no GPS position)
under a name the portal makes up.
"""

import io
import uuid

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.utils.translation import gettext as _
from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError
from wagtail.images import get_image_model
from wagtail.models import Collection

MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
COLLECTION_NAME = "Foto's van leden"


def _too_many_pixels():
    return ValidationError(
        _(
            "Deze foto heeft te veel pixels: de grens is 40 megapixel. "
            "Verklein hem eerst."
        ),
        code="too_many_pixels",
    )


def check_photo(upload):
    """Return the opened Pillow image, or raise a ValidationError in Dutch."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            _("Deze foto is %(size)s MB; de grens is 10 MB. Verklein hem eerst.")
            % {"size": round(upload.size / 1024 / 1024, 1)},
            code="too_big",
        )
    upload.seek(0)
    try:
        image = PILImage.open(upload)
    except PILImage.DecompressionBombError:
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise ValidationError(
            _(
                "Dit bestand is geen foto die we kunnen lezen. Kies een JPEG, PNG "
                "of WebP."
            ),
            code="not_an_image",
        ) from None
    if image.format not in FORMATS:
        raise ValidationError(
            _("Foto's in %(format)s nemen we niet aan. Kies een JPEG, PNG of WebP.")
            % {"format": image.format or _("dit formaat")},
            code="format",
        )
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise _too_many_pixels()
    try:
        image.load()
    except (OSError, ValueError, PILImage.DecompressionBombError):
        raise ValidationError(
            _("Deze foto is beschadigd. Probeer een ander bestand."), code="broken"
        ) from None
    return image


def clean_copy(image):
    """The picture re-encoded without metadata, turned upright first."""
    image_format = image.format
    upright = ImageOps.exif_transpose(image)
    upright.info = {}
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    buffer = io.BytesIO()
    options = {"quality": 88} if image_format in ("JPEG", "WEBP") else {}
    upright.save(buffer, format=image_format, **options)
    return buffer.getvalue(), FORMATS[image_format]


def member_collection():
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=COLLECTION_NAME).first()
    return existing or root.add_child(name=COLLECTION_NAME)


def store_photo(image, title, user):
    """A Wagtail image holding the clean copy, in the members' collection."""
    data, extension = clean_copy(image)
    Image = get_image_model()
    photo = Image(
        title=title[:255],
        collection=member_collection(),
        uploaded_by_user=user,
    )
    photo.file = ImageFile(
        io.BytesIO(data), name=f"ervaring-{uuid.uuid4().hex}.{extension}"
    )
    photo._set_image_file_metadata()
    photo.save()
    return photo
