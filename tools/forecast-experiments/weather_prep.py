"""Fourth round (ADR 0006): daily mean temperatures for the experiment, as run.

Inputs (not in the repository):
  /tmp/fc5/bed_<year>.csv  -- `git show HEAD:"aux_data/MetOffice Weather Data/processed_data/bedford/<year>.csv"` from
                              github.com/EECi/Cambridge-Estates-Building-Energy-Archive (hourly, UTC; Met Office MIDAS Open, OGL)
  /tmp/fc5/darksky.csv     -- Data/weather_daily_darksky.csv of github.com/DataUAcademy/energy-consumption-forecasting
                              (the Kaggle "Smart meters in London" weather file; Dark Sky API, no open licence: keep it out of the repo)
Outputs: /tmp/fc5/bedford_daily.csv (mean of the hourly values of each UTC day with >= 18 of them) and
/tmp/fc5/london_daily.csv ((temperatureMax + temperatureMin) / 2 per day), both `date,tmean`.
The committed Portal.Tests/Domain/Usage/Weather/bedford_daily_mean_temperature.csv is bedford_daily.csv for 2008-2019.
"""
import collections, csv, glob

d = collections.defaultdict(list)
for f in sorted(glob.glob('/tmp/fc5/bed_*.csv')):
    for r in csv.DictReader(open(f)):
        t = r['air_temperature [degC]']
        if t in ('', 'nan', 'NaN'):
            continue
        d[r['datetime'][:10]].append(float(t))
with open('/tmp/fc5/bedford_daily.csv', 'w') as o:
    o.write('date,tmean\n')
    for k in sorted(d):
        if len(d[k]) >= 18:
            o.write(f'{k},{sum(d[k]) / len(d[k]):.2f}\n')

dd = {}
for r in csv.DictReader(open('/tmp/fc5/darksky.csv')):
    try:
        dd[r['time'][:10]] = (float(r['temperatureMax']) + float(r['temperatureMin'])) / 2
    except ValueError:
        pass
with open('/tmp/fc5/london_daily.csv', 'w') as o:
    o.write('date,tmean\n')
    for k in sorted(dd):
        o.write(f'{k},{dd[k]:.2f}\n')
