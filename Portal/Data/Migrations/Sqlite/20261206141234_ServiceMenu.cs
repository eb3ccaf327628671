using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceMenu : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ServiceCatalogVersions",
                columns: table => new
                {
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Document = table.Column<string>(type: "TEXT", nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceCatalogVersions", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "ServiceMenuImpressions",
                columns: table => new
                {
                    AccountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ItemCode = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceMenuImpressions", x => new { x.AccountId, x.ItemCode, x.Day });
                    table.ForeignKey(
                        name: "FK_ServiceMenuImpressions_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "ServiceCatalogVersions",
                columns: new[] { "Version", "Document", "PublishedAtUtc", "PublishedByUserId" },
                values: new object[] { 1, "{\"items\":[{\"code\":\"tou-switch\",\"title\":{\"zhCn\":\"\\u5CF0\\u8C37\\u5206\\u65F6\\u5957\\u9910\\u53D8\\u66F4\",\"enUs\":\"Switch to a time-of-use package\"},\"description\":{\"zhCn\":\"\\u6309\\u60A8\\u8FC7\\u53BB 12 \\u4E2A\\u6708\\u7684\\u5B9E\\u9645\\u7528\\u7535\\u6D4B\\u7B97\\uFF0C\\u6539\\u7528\\u5CF0\\u8C37\\u5206\\u65F6\\u5957\\u9910\\u540E\\uFF0C\\u8C37\\u65F6\\u7528\\u7535\\u66F4\\u4FBF\\u5B9C\\u3002\",\"enUs\":\"Priced on your own last 12 months of usage: off-peak hours cost less on a time-of-use package.\"},\"team\":\"CustomerManager\",\"eligibility\":{\"segments\":[],\"tiers\":[],\"customerTypes\":[],\"packages\":[\"XJ-RES-TIER\",\"XJ-RES-HEAT\",\"XJ-BIZ-SINGLE\",\"XJ-BIZ-GREEN\"],\"minCapacityKva\":null,\"maxCapacityKva\":null},\"active\":true},{\"code\":\"energy-audit\",\"title\":{\"zhCn\":\"\\u80FD\\u6548\\u8BCA\\u65AD\",\"enUs\":\"Energy audit\"},\"description\":{\"zhCn\":\"\\u80FD\\u6548\\u4E13\\u5458\\u4E0A\\u95E8\\u6216\\u8FDC\\u7A0B\\u5206\\u6790\\u60A8\\u7684\\u7528\\u7535\\uFF0C\\u7ED9\\u51FA\\u8282\\u80FD\\u5EFA\\u8BAE\\u3002\",\"enUs\":\"An energy adviser reviews your usage on site or remotely and suggests savings.\"},\"team\":\"EnergyEfficiency\",\"eligibility\":{\"segments\":[],\"tiers\":[],\"customerTypes\":[],\"packages\":[],\"minCapacityKva\":null,\"maxCapacityKva\":null},\"active\":true},{\"code\":\"demand-review\",\"title\":{\"zhCn\":\"\\u9700\\u91CF\\u7533\\u62A5\\u590D\\u6838\",\"enUs\":\"Demand declaration review\"},\"description\":{\"zhCn\":\"\\u6839\\u636E\\u60A8\\u7684\\u6700\\u5927\\u9700\\u91CF\\uFF0C\\u5E2E\\u60A8\\u6838\\u5B9A\\u5408\\u9002\\u7684\\u7533\\u62A5\\u9700\\u91CF\\uFF0C\\u907F\\u514D\\u8D85\\u9700\\u91CF\\u90E8\\u5206\\u52A0\\u500D\\u6536\\u8D39\\u3002\",\"enUs\":\"We check your maximum demand and help you declare the right contract demand, so excess demand is not charged at double price.\"},\"team\":\"Billing\",\"eligibility\":{\"segments\":[],\"tiers\":[],\"customerTypes\":[\"Business\",\"LargeIndustrial\"],\"packages\":[\"XJ-2P-DEM\"],\"minCapacityKva\":100,\"maxCapacityKva\":null},\"active\":true},{\"code\":\"power-factor\",\"title\":{\"zhCn\":\"\\u529F\\u7387\\u56E0\\u6570\\u6539\\u5584\\u5EFA\\u8BAE\",\"enUs\":\"Power-factor advice\"},\"description\":{\"zhCn\":\"\\u5206\\u6790\\u65E0\\u529F\\u7528\\u7535\\uFF0C\\u5EFA\\u8BAE\\u65E0\\u529F\\u8865\\u507F\\u65B9\\u6848\\uFF0C\\u51CF\\u5C11\\u529F\\u7387\\u56E0\\u6570\\u8C03\\u6574\\u7535\\u8D39\\u3002\",\"enUs\":\"We analyse your reactive energy and suggest compensation, reducing the power-factor adjustment on your bill.\"},\"team\":\"EnergyEfficiency\",\"eligibility\":{\"segments\":[],\"tiers\":[],\"customerTypes\":[\"Business\",\"LargeIndustrial\"],\"packages\":[],\"minCapacityKva\":100,\"maxCapacityKva\":null},\"active\":true},{\"code\":\"heating-check\",\"title\":{\"zhCn\":\"\\u91C7\\u6696\\u5B63\\u7528\\u7535\\u68C0\\u67E5\",\"enUs\":\"Heating-season check\"},\"description\":{\"zhCn\":\"\\u91C7\\u6696\\u5B63\\u524D\\u4E0A\\u95E8\\u68C0\\u67E5\\u7535\\u91C7\\u6696\\u7EBF\\u8DEF\\u548C\\u8BBE\\u5907\\uFF0C\\u5B89\\u5168\\u8FC7\\u51AC\\u3002\",\"enUs\":\"Before the heating season we check your electric-heating wiring and equipment for a safe winter.\"},\"team\":\"Safety\",\"eligibility\":{\"segments\":[\"WinterHeater\"],\"tiers\":[],\"customerTypes\":[\"Residential\"],\"packages\":[],\"minCapacityKva\":null,\"maxCapacityKva\":null},\"active\":true},{\"code\":\"auto-pay\",\"title\":{\"zhCn\":\"\\u5F00\\u901A\\u81EA\\u52A8\\u7F34\\u8D39\",\"enUs\":\"Set up auto-pay\"},\"description\":{\"zhCn\":\"\\u7535\\u8D39\\u6309\\u671F\\u81EA\\u52A8\\u6263\\u7F34\\uFF0C\\u4E0D\\u518D\\u9519\\u8FC7\\u7F34\\u8D39\\u65E5\\u3002\",\"enUs\":\"Bills are paid automatically on time, so you never miss a due date.\"},\"team\":\"Billing\",\"eligibility\":{\"segments\":[],\"tiers\":[],\"customerTypes\":[],\"packages\":[],\"minCapacityKva\":null,\"maxCapacityKva\":null},\"active\":true},{\"code\":\"e-statements\",\"title\":{\"zhCn\":\"\\u5F00\\u901A\\u7535\\u5B50\\u8D26\\u5355\",\"enUs\":\"Go paperless with e-statements\"},\"description\":{\"zhCn\":\"\\u6BCF\\u6708\\u7535\\u8D39\\u8D26\\u5355\\u53D1\\u9001\\u5230\\u60A8\\u7684\\u90AE\\u7BB1\\u548C\\u7F51\\u4E0A\\u8425\\u4E1A\\u5385\\uFF0C\\u4E0D\\u518D\\u90AE\\u5BC4\\u7EB8\\u8D28\\u8D26\\u5355\\u3002\",\"enUs\":\"Your monthly statement arrives by email and in the portal instead of by post.\"},\"team\":\"Billing\",\"eligibility\":{\"segments\":[],\"tiers\":[],\"customerTypes\":[],\"packages\":[],\"minCapacityKva\":null,\"maxCapacityKva\":null},\"active\":true},{\"code\":\"safety-inspection\",\"title\":{\"zhCn\":\"\\u9884\\u7EA6\\u5B89\\u5168\\u7528\\u7535\\u68C0\\u67E5\",\"enUs\":\"Book a safety inspection\"},\"description\":{\"zhCn\":\"\\u7528\\u7535\\u68C0\\u67E5\\u4EBA\\u5458\\u4E0A\\u95E8\\u68C0\\u67E5\\u7EBF\\u8DEF\\u3001\\u8BBE\\u5907\\u548C\\u9690\\u60A3\\u6574\\u6539\\u60C5\\u51B5\\u3002\",\"enUs\":\"An inspector visits to check wiring, equipment and how hazards were fixed.\"},\"team\":\"Safety\",\"eligibility\":{\"segments\":[],\"tiers\":[],\"customerTypes\":[],\"packages\":[],\"minCapacityKva\":null,\"maxCapacityKva\":null},\"active\":true},{\"code\":\"priority-connection\",\"title\":{\"zhCn\":\"\\u4E1A\\u6269\\u62A5\\u88C5\\u4F18\\u5148\\u529E\\u7406\",\"enUs\":\"Priority connection\"},\"description\":{\"zhCn\":\"\\u65B0\\u88C5\\u3001\\u589E\\u5BB9\\u4E1A\\u52A1\\u4F18\\u5148\\u53D7\\u7406\\u3001\\u4F18\\u5148\\u52D8\\u67E5\\uFF0C\\u7F29\\u77ED\\u63A5\\u7535\\u65F6\\u95F4\\u3002\",\"enUs\":\"New connections and capacity increases are handled first, so you are connected sooner.\"},\"team\":\"Connections\",\"eligibility\":{\"segments\":[],\"tiers\":[\"A\"],\"customerTypes\":[\"Business\",\"LargeIndustrial\"],\"packages\":[],\"minCapacityKva\":null,\"maxCapacityKva\":null},\"active\":true}]}", new DateTime(2026, 12, 6, 0, 0, 0, 0, DateTimeKind.Utc), "system" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceMenuImpressions_ItemCode_Day",
                table: "ServiceMenuImpressions",
                columns: new[] { "ItemCode", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ServiceCatalogVersions");

            migrationBuilder.DropTable(
                name: "ServiceMenuImpressions");
        }
    }
}
