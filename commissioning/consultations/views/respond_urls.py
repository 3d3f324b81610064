"""The public's pages, mounted at /have-your-say/ (namespace "respond"). The draft
response is found through the session, never through its id in the address."""

from django.urls import path

from . import outcome_public, respond, respond_save, respond_submit

urlpatterns = [
    path("", respond.IndexView.as_view(), name="index"),
    path("<slug:slug>/", respond.ConsultationView.as_view(), name="consultation"),
    path("<slug:slug>/about-you/", respond.AboutYouView.as_view(), name="about-you"),
    path("<slug:slug>/section/<int:number>/", respond.SectionView.as_view(), name="section"),
    path("<slug:slug>/publishing/", respond.PublishingView.as_view(), name="publishing"),
    path("<slug:slug>/check/", respond_submit.CheckView.as_view(), name="check"),
    path("<slug:slug>/submit/", respond_submit.SubmitView.as_view(), name="submit"),
    path("<slug:slug>/done/", respond_submit.DoneView.as_view(), name="done"),
    path("<slug:slug>/save/", respond_save.SaveView.as_view(), name="save"),
    path("<slug:slug>/saved/", respond_save.SavedView.as_view(), name="saved"),
    path("<slug:slug>/resume/<str:token>/", respond_save.ResumeView.as_view(), name="resume"),
    path("<slug:slug>/outcome/", outcome_public.OutcomePublicView.as_view(), name="outcome"),
]
