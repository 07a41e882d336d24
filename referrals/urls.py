from django.urls import path

from referrals import views

app_name = "referrals"
urlpatterns = [
    path("cases/<int:case_id>/referrals/", views.case_referrals, name="case_referrals"),
    path("cases/<int:case_id>/referrals/new/", views.referral_new, name="new"),
    path("cases/<int:case_id>/barriers/new/", views.barrier_new, name="barrier_new"),
    path("referrals/<int:referral_id>/", views.referral_detail, name="detail"),
    path("people/<int:person_id>/consents/", views.person_consents, name="consents"),
    path("people/<int:person_id>/consents/new/", views.consent_new, name="consent_new"),
    path("consents/<int:consent_id>/withdraw/", views.consent_withdraw, name="consent_withdraw"),
    path("barriers/report/", views.barrier_report, name="barrier_report"),
]
