"""``hall.promotions``: campaigns, joining, entitlements (F-PRO-1..3).

Operator side (no subscriber token; plain trusted methods: the operator's authorization
comes from the caller, the web adapter's operator token or the command line): :meth:`define`,
:meth:`publish`, :meth:`end`, :meth:`campaign`, :meth:`campaigns`. Every change names its
``actor`` and is audited in its own transaction (F-AUTH-6). Subscriber side (a session
token and the hall's one ``Authorizer``): :meth:`offers`, :meth:`join`, :meth:`cancel`,
:meth:`participations`. The job: :meth:`issue_entitlements`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from unicom_core.domain.catalog import Channel
from unicom_core.domain.payments import PaymentPurpose
from unicom_core.usecases.promotions.benefits import top_up_price
from unicom_core.usecases.promotions.campaigns import CampaignAdmin, CampaignStanding
from unicom_core.usecases.promotions.entitlements import EntitlementJob, EntitlementReport
from unicom_core.usecases.promotions.joining import Joining, JoinResult, Offer
from unicom_core.usecases.promotions.settings import PromotionSettings

if TYPE_CHECKING:
    from unicom_core.domain.promotions import Campaign, Participation
    from unicom_core.ports.access import ScopedAuthorizer
    from unicom_core.ports.promotions import EntitlementIssuer, Metrics
    from unicom_core.ports.shared import Clock
    from unicom_core.ports.storage import Storage
    from unicom_core.usecases.payments import PaymentEngine

__all__ = ["PromotionsService"]


class PromotionsService:
    """Campaigns as data, joining with quotas, their benefits (module docstring)."""

    def __init__(  # noqa: PLR0913 - the ports of the area
        self,
        storage: Storage,
        clock: Clock,
        *,
        authorizer: ScopedAuthorizer,
        engine: PaymentEngine,
        issuer: EntitlementIssuer,
        metrics: Metrics,
        settings: PromotionSettings | None = None,
    ) -> None:
        self.settings = settings if settings is not None else PromotionSettings()
        self._admin = CampaignAdmin(storage, clock, self.settings)
        self._joining = Joining(
            storage,
            clock,
            authorizer=authorizer,
            engine=engine,
            metrics=metrics,
            settings=self.settings,
        )
        self.issuer = issuer
        """The entitlement issuer the job calls (the memory one records what it issued)."""
        self._job = EntitlementJob(storage, clock, issuer, self.settings)

    def hook_into(self, engine: PaymentEngine) -> None:
        """Register the CAMPAIGN payment hooks and the top-up price hook with the engine."""
        engine.when_paid(PaymentPurpose.CAMPAIGN, self._joining.hooks())
        engine.price_hooks.register(top_up_price)

    # ------------------------------------------------------------------ operator side

    def define(self, campaign: Campaign, *, actor: str) -> Campaign:
        """Store a new campaign as a DRAFT (:meth:`CampaignAdmin.define`), audited."""
        return self._admin.define(campaign, actor=actor)

    def publish(self, code: str, *, actor: str) -> Campaign:
        """DRAFT -> PUBLISHED, audited."""
        return self._admin.publish(code, actor=actor)

    def end(self, code: str, *, actor: str) -> Campaign:
        """-> ENDED, audited."""
        return self._admin.end(code, actor=actor)

    def campaign(self, code: str) -> Campaign:
        """The campaign ``code``."""
        return self._admin.campaign(code)

    def standing(self, code: str) -> CampaignStanding:
        """The campaign ``code`` with its live participations and quota left."""
        return self._admin.standing(code)

    def campaigns(self) -> tuple[Campaign, ...]:
        """Every campaign, by code."""
        return self._admin.campaigns()

    # ------------------------------------------------------------------ subscriber side

    def offers(self, token: str, *, channel: Channel = Channel.ONLINE_HALL) -> tuple[Offer, ...]:
        """The campaigns open now with this number's verdicts (:meth:`Joining.offers`)."""
        return self._joining.offers(token, channel=channel)

    def join(self, token: str, code: str, *, request_id: str, channel: Channel) -> JoinResult:
        """Join a campaign (:meth:`Joining.join`)."""
        return self._joining.join(token, code, request_id=request_id, channel=channel)

    def cancel(self, token: str, code: str) -> Participation:
        """Cancel a participation within the rule (:meth:`Joining.cancel`)."""
        return self._joining.cancel(token, code)

    def participations(self, token: str) -> tuple[Participation, ...]:
        """This number's participations, newest first."""
        return self._joining.participations(token)

    # ------------------------------------------------------------------ the job

    def issue_entitlements(self, limit: int = 100, *, actor: str) -> EntitlementReport:
        """Issue the entitlements due (:meth:`EntitlementJob.issue_entitlements`), audited."""
        return self._job.issue_entitlements(limit, actor=actor)
