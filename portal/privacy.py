"""The portal's personal data, and that of the Django and Wagtail models it
uses (see `portal.personal_data`)."""

from portal.models import BasePage
from portal.personal_data import not_personal, personal

ACCOUNT = "Contract with the member (GDPR art. 6(1)(b)): running their account"
PUBLIC_TASK = "Public task of the City of Mechelen (art. 6(1)(e)): the learning network"
CONSENT = "Consent (art. 6(1)(a)), given in the form"
LEGITIMATE = "Legitimate interest (art. 6(1)(f)): keeping the portal safe and working"
UNTIL_ERASED = (
    "until the account is deleted or erased; 24 months without login: warned, "
    "removed 30 days later"
)

personal(
    "portal.User",
    ["first_name", "last_name", "email"],
    purpose="Log in; sign what the member writes; mail them",
    legal_basis=ACCOUNT,
    seen_by="the member; editors; other members see the name on what they wrote",
    retention=UNTIL_ERASED,
)
personal(
    "portal.LoginEvent",
    ["ip_address", "user_agent"],
    purpose="Login history the member sees in their data export; spotting misuse",
    legal_basis=LEGITIMATE,
    seen_by="the member (export); administrators",
    retention="12 months; with the account",
)
personal(
    "portal.OutgoingMail",
    ["recipients", "subject", "last_error"],
    purpose="Know whether a mail went out; retry it",
    legal_basis=LEGITIMATE,
    seen_by="editors (Uitgaande e-mails)",
    retention="undeliverable: 30 days; with the person on erasure",
)
personal(
    "django_tasks_database.DBTaskResult",
    ["args_kwargs", "return_value", "traceback"],
    purpose="The queued work itself: a mail's text and addresses until delivered",
    legal_basis=LEGITIMATE,
    seen_by="administrators",
    retention="with the mail it delivers; with the person on erasure",
)
personal(
    "portal.ContactSubmission",
    ["form_data"],
    purpose="Contact messages: name, address, organisation and question, to answer",
    legal_basis=CONSENT,
    seen_by="editors (contact messages)",
    retention="12 months after receipt; with the person on erasure",
)
personal(
    "wagtailforms.FormSubmission",
    ["form_data"],
    purpose="Answers to any other form editors build with Wagtail's form pages",
    legal_basis=CONSENT,
    seen_by="editors (form submissions)",
    retention="12 months after receipt; with the person on erasure",
)
personal(
    "sessions.Session",
    ["session_data"],
    purpose="Keep a member or editor logged in",
    legal_basis=ACCOUNT,
    seen_by="nobody (the server only)",
    retention="14 days (editors: 8 hours); with the account",
)
personal(
    "wagtailcore.Revision",
    ["content", "object_str"],
    purpose="Versions of pages and experiences, and who saved them",
    legal_basis=PUBLIC_TASK,
    seen_by="editors (history, compare)",
    retention="as long as the content; a member's versions go with their erasure",
)
personal(
    "wagtailcore.ModelLogEntry",
    ["label", "data"],
    purpose="The admin history: what happened to a snippet, and who did it",
    legal_basis=PUBLIC_TASK,
    seen_by="editors",
    retention="as long as the content; the person is removed on erasure",
)
personal(
    "wagtailcore.PageLogEntry",
    ["label", "data"],
    purpose="The admin history of pages",
    legal_basis=PUBLIC_TASK,
    seen_by="editors",
    retention="as long as the page; the person is removed on erasure",
)
personal(
    "wagtailcore.Comment",
    ["text", "contentpath", "position"],
    purpose="Editors' comments on a page draft",
    legal_basis=PUBLIC_TASK,
    seen_by="editors",
    retention="until resolved and deleted; with the editor's account",
)
personal(
    "wagtailcore.CommentReply",
    ["text"],
    purpose="Replies to editors' comments",
    legal_basis=PUBLIC_TASK,
    seen_by="editors",
    retention="with the comment; with the editor's account",
)
personal(
    "wagtailcore.TaskState",
    ["comment"],
    purpose="An editor's comment in a moderation workflow",
    legal_basis=PUBLIC_TASK,
    seen_by="editors",
    retention="as long as the page",
)
personal(
    "wagtailadmin.FormState",
    ["data"],
    purpose="An editor's unsaved admin form, kept while editing",
    legal_basis=LEGITIMATE,
    seen_by="that editor",
    retention="with the editor's account",
)
personal(
    "wagtailusers.UserProfile",
    ["avatar", "dismissibles"],
    purpose="An editor's admin preferences and picture",
    legal_basis=ACCOUNT,
    seen_by="editors",
    retention="with the account",
)
personal(
    "wagtailimages.Image",
    ["file"],
    purpose="Pictures: editors' content and members' photos (re-encoded, no EXIF)",
    legal_basis=PUBLIC_TASK,
    seen_by="everyone once published; editors",
    retention="as long as used; a member's photos go with their erasure",
)
personal(
    "wagtailimages.Rendition",
    ["file", "image"],
    purpose="Resized copies of the pictures",
    legal_basis=PUBLIC_TASK,
    seen_by="as the picture",
    retention="with the picture",
)
personal(
    "wagtailsearch.IndexEntry",
    # PostgreSQL's index adds the text columns next to its search vectors.
    ["title", "body", "autocomplete", "title_text?", "body_text?"],
    purpose="Site search over published content (incl. members' experiences)",
    legal_basis=PUBLIC_TASK,
    seen_by="search results for everyone",
    retention="as long as the content is published",
)
personal(
    "wagtailsearch.SQLiteFTSIndexEntry",
    ["title", "body", "autocomplete"],
    purpose="The same search index, SQLite's full-text table",
    legal_basis=PUBLIC_TASK,
    seen_by="search results for everyone",
    retention="as long as the content is published",
)
personal(
    "portal.SiteSettings",
    [
        "team_name",
        "email",
        "phone",
        "address",
        "press_name",
        "press_email",
        "press_phone",
    ],
    purpose="The team's and the press officer's contact details on the site",
    legal_basis=PUBLIC_TASK,
    seen_by="everyone",
    retention="until editors change them",
)
personal(
    BasePage,
    ["social_image"],
    purpose="A page's picture for sharing; may show people",
    legal_basis=PUBLIC_TASK,
    seen_by="everyone",
    retention="as long as the page",
)
personal(
    "portal.ContactPage",
    ["from_address"],
    purpose="The sender address of the contact form's mail",
    legal_basis=PUBLIC_TASK,
    seen_by="editors",
    retention="until editors change it",
)

not_personal(
    "portal.ContactFormField",
    ["clean_name", "choices", "default_value"],
    reason="The form's field names and options, set by editors",
)
not_personal(
    "portal.ToolkitDocument",
    ["file", "description"],
    reason="Published toolkit documents and their description",
)
not_personal("portal.Phase", ["name"], reason="A phase of the guides")
not_personal(
    "wagtaildocs.Document", ["file"], reason="Published documents uploaded by editors"
)
not_personal(
    "wagtailcore.UploadedFile",
    ["file"],
    reason="An editor's upload in progress, removed once the image is made",
)
not_personal(
    "wagtailembeds.Embed",
    ["url", "html", "title", "author_name", "provider_name", "thumbnail_url"],
    reason="Embedded media chosen by editors (the portal uses none)",
)
not_personal(
    "wagtailcore.Site", ["hostname", "site_name"], reason="The site's own name"
)
not_personal("wagtailcore.APIToken", ["name"], reason="The name of an API token")
not_personal(
    "wagtailcore.Collection", ["name"], reason="The name of an image collection"
)
not_personal("wagtailcore.Workflow", ["name"], reason="A workflow's name")
not_personal("wagtailcore.Task", ["name"], reason="A workflow task's name")
not_personal(
    "wagtailcore.ReferenceIndex",
    ["model_path", "content_path"],
    reason="Where one object refers to another: paths, no content",
)
not_personal(
    "django_tasks_database.DBTaskResult",
    ["task_path", "worker_ids", "queue_name", "backend_name", "exception_class_path"],
    reason="Which task ran where: code paths and worker ids",
)
not_personal("taggit.Tag", ["name"], reason="A theme tag")
not_personal("auth.Permission", ["name", "codename"], reason="A permission's name")
not_personal("auth.Group", ["name"], reason="A role's name")
not_personal(
    "portal.ToolkitDocument",
    ["file_text"],
    reason="the text of a document editors publish, read from its file for search",
)
