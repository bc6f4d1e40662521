import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import { PageShell } from '../components/PageShell.tsx'
import { MunicipalityFactsList } from '../facilitator/MunicipalityFactsList.tsx'
import { RequireFacilitator } from '../facilitator/RequireFacilitator.tsx'
import '../styles/municipalities.css'

/** `/facilitator/municipalities`: each municipality's official language form and county, for facilitators to correct. */
export function MunicipalitiesPage() {
  const { t } = useTranslation()
  return (
    <RequireFacilitator>
      {() => (
        <PageShell title={`${t('municipalities.title')} – ${t('app.name')}`}>
          <div className="municipalities">
            <p>
              <Link to="/facilitator">{t('municipalities.back')}</Link>
            </p>
            <h1>{t('municipalities.title')}</h1>
            <p className="lead">{t('municipalities.lead')}</p>
            <p>{t('municipalities.neutralNote')}</p>
            <MunicipalityFactsList />
          </div>
        </PageShell>
      )}
    </RequireFacilitator>
  )
}
