# Dates read "14 September 2021" across the service.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
# The filters' dates are typed as the date input's hint shows them ("27 3 2027"), or with slashes;
# links carry them in ISO form.
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d %m %Y", "%d/%m/%Y", "%d/%m/%y"]
