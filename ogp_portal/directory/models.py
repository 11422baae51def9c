"""Morocco's territorial units and the administrations that serve citizens."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ogp_portal.core.models import TimeStampedModel


class TerritoryQuerySet(models.QuerySet):
    def ordered_by_name(self):
        field = "name_ar" if (get_language() or "ar").startswith("ar") else "name_fr"
        return self.order_by(field)


class Territory(models.Model):
    """Shared shape of a region, province or commune (codes from the HCP census)."""

    code = models.CharField(_("code"), max_length=16, unique=True)
    name_fr = models.CharField(_("name (French)"), max_length=200)
    name_ar = models.CharField(_("name (Arabic)"), max_length=200)
    population_2024 = models.PositiveIntegerField(_("population (2024 census)"), default=0)

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_ar if (get_language() or "ar").startswith("ar") else self.name_fr


class Region(Territory):
    class Meta(Territory.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def get_absolute_url(self) -> str:
        return reverse("directory:region", kwargs={"code": self.code})

    @property
    def iso_code(self) -> str:
        """ISO 3166-2 code, MA-01 to MA-12."""
        return f"MA-{self.code}"


# The census codes a préfecture d'arrondissements inside its prefecture: Casablanca is
# 06.141, its eight préfectures d'arrondissements 06.141.01.00 to 06.141.01.70. A province or
# prefecture has two parts (region.province).
ARRONDISSEMENT_PREFECTURE_CODE = r"^[^.]+\.[^.]+\."


class ProvinceQuerySet(TerritoryQuerySet):
    def with_council(self):
        """Provinces and prefectures that have a council: without the préfectures
        d'arrondissements (no council, not a province for the petitions' 5 % rule)."""
        return self.exclude(code__regex=ARRONDISSEMENT_PREFECTURE_CODE)


class Province(Territory):
    class Kind(models.TextChoices):
        PROVINCE = "province", _("province")
        PREFECTURE = "prefecture", _("prefecture")

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="provinces", verbose_name=_("region")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PROVINCE)

    objects = ProvinceQuerySet.as_manager()

    class Meta(Territory.Meta):
        verbose_name = _("province or prefecture")
        verbose_name_plural = _("provinces and prefectures")

    @property
    def is_arrondissement_prefecture(self) -> bool:
        """A préfecture d'arrondissements (Casablanca-Anfa, Hay Hassani...): part of a
        prefecture, with no council of its own. Told by its census code (four parts)."""
        return self.code.count(".") > 1

    @property
    def parent_code(self) -> str:
        """The code of the prefecture it belongs to (its own code for a province)."""
        return ".".join(self.code.split(".")[:2])


class Commune(Territory):
    class Kind(models.TextChoices):
        URBAN = "urban", _("urban commune")
        RURAL = "rural", _("rural commune")
        ARRONDISSEMENT = "arrondissement", _("arrondissement")
        OTHER = "other", _("other")

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="communes", verbose_name=_("province")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.URBAN)
    slug = models.SlugField(_("slug"), max_length=120, blank=True)
    has_arrondissements = models.BooleanField(_("has arrondissements"), default=False)

    class Meta(Territory.Meta):
        verbose_name = _("commune")
        verbose_name_plural = _("communes")


class AdministrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)

    def visible_to(self, user):
        """Administrations a staff user may manage: all for OGP staff, their own otherwise."""
        from ogp_portal.accounts.permissions import is_unscoped

        if is_unscoped(user):
            return self
        if getattr(user, "administration_id", None):
            return self.filter(pk=user.administration_id)
        return self.none()


class Administration(TimeStampedModel):
    """A public body: ministry, public establishment, council, chamber, constitutional body."""

    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("ministry")
        PUBLIC_ESTABLISHMENT = "public_establishment", _("public establishment")
        REGIONAL_COUNCIL = "regional_council", _("regional council")
        PROVINCIAL_COUNCIL = "provincial_council", _("provincial or prefectural council")
        COMMUNAL_COUNCIL = "communal_council", _("communal council")
        PARLIAMENT_CHAMBER = "parliament_chamber", _("parliament chamber")
        CONSTITUTIONAL_BODY = "constitutional_body", _("constitutional body")
        OTHER = "other", _("other")

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=255)  # translated: name_ar, name_fr, name_en
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="administrations",
        verbose_name=_("region"),
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="administrations",
        verbose_name=_("province"),
    )
    commune = models.ForeignKey(
        Commune,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="administrations",
        verbose_name=_("commune"),
    )
    address = models.CharField(_("postal address"), max_length=300, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = AdministrationQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("administration")
        verbose_name_plural = _("administrations")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:administration", kwargs={"slug": self.slug})

    def clean(self):
        """The territory must nest: the commune in the province, the province in the region.

        A missing upper level is taken from the lower one (a commune gives its province, a
        province its region), so a council can be placed by its commune alone.
        """
        super().clean()
        if self.commune_id and not self.province_id:
            self.province_id = self.commune.province_id
        if self.province_id and not self.region_id:
            self.region_id = self.province.region_id
        errors = {}
        if self.province_id and self.region_id and self.province.region_id != self.region_id:
            errors["province"] = _(
                "The province or prefecture “%(province)s” is not in the region “%(region)s”."
            ) % {"province": self.province, "region": self.region}
        if self.commune_id and self.province_id and self.commune.province_id != self.province_id:
            errors["commune"] = _(
                "The commune “%(commune)s” is not in the province or prefecture “%(province)s”."
            ) % {"commune": self.commune, "province": self.province}
        if errors:
            raise ValidationError(errors)

    @property
    def is_territorial(self) -> bool:
        """An elected council, whose figures can be read per inhabitant of its territory."""
        return self.kind in TERRITORIAL_KINDS

    @property
    def population(self) -> int | None:
        """2024 census population of a council's territory; None for other bodies or unknown.

        Load region, province and commune with the administration (select_related) to read
        it without a query.
        """
        territory = {
            self.Kind.REGIONAL_COUNCIL: "region",
            self.Kind.PROVINCIAL_COUNCIL: "province",
            self.Kind.COMMUNAL_COUNCIL: "commune",
        }.get(self.kind)
        if territory is None or getattr(self, f"{territory}_id") is None:
            return None
        return getattr(self, territory).population_2024 or None


TERRITORIAL_KINDS = (
    Administration.Kind.REGIONAL_COUNCIL,
    Administration.Kind.PROVINCIAL_COUNCIL,
    Administration.Kind.COMMUNAL_COUNCIL,
)
